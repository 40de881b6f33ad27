export { TOPIC_KEYS, type TopicKey } from "../../lib/catalog/topics";
