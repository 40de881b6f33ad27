import { LoadingSkeleton } from "@/app/_components/loading-skeleton";

export default function Loading() {
  return <LoadingSkeleton />;
}
