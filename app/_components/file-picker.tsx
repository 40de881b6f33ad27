"use client";

/**
 * A file input whose button and "nothing chosen" text are ours, in the page's language: the
 * browser's own ("Choose Files", "No file chosen") follow the browser's locale, not the reader's
 * choice, and showed English in the Chinese UI. The real input stays in the form, focusable and
 * labelled by the surrounding <label>; it is only visually hidden.
 */
import { useEffect, useRef, useState } from "react";
import styles from "./file-picker.module.css";

export interface FilePickerLabels {
  /** The button: 浏览… / Browse… */
  pick: string;
  /** Shown until a file is chosen. */
  none: string;
}

interface Props {
  name: string;
  accept?: string;
  multiple?: boolean;
  required?: boolean;
  invalid?: boolean;
  labels: FilePickerLabels;
}

export function FilePicker({ name, accept, multiple, required, invalid, labels }: Props) {
  const own = useRef<HTMLInputElement | null>(null);
  const [chosen, setChosen] = useState<string[]>([]);
  // A form action resets the form afterwards: the list of names follows the input.
  useEffect(() => {
    const form = own.current?.form;
    if (!form) return;
    const clear = () => setChosen([]);
    form.addEventListener("reset", clear);
    return () => form.removeEventListener("reset", clear);
  }, []);
  return (
    <span className={styles.picker}>
      <input
        ref={own}
        type="file"
        name={name}
        accept={accept}
        multiple={multiple}
        required={required}
        aria-invalid={invalid || undefined}
        className={styles.input}
        onChange={(e) => setChosen([...(e.currentTarget.files ?? [])].map((f) => f.name))}
      />
      <span className={styles.button} aria-hidden="true">
        {labels.pick}
      </span>
      <span className={styles.names} data-file-names="" aria-hidden="true">
        {chosen.length ? chosen.join("、") : labels.none}
      </span>
    </span>
  );
}
