"use client";
import { useState } from "react";
import { Field } from "../ui/field";
import { Select } from "../ui/input";
import { DropZone } from "./drop-zone";
import { acceptedFileTypesText } from "./knowledge-labels";
import { UploadProgressList } from "./upload-progress-list";
import { useFileUploads } from "./use-file-uploads";
import { useVectorStores } from "./use-vector-stores";

/** Adds files to the assistant's knowledge: to its default store unless another is chosen. */
export function FileUploader({ assistantId }: { assistantId: string }) {
  const stores = useVectorStores(assistantId);
  const uploads = useFileUploads(assistantId);
  const [storeId, setStoreId] = useState("");
  const defaultStore = stores.data?.data.find((store) => store.is_default);
  const others = stores.data?.data.filter((store) => !store.is_default) ?? [];
  // A chosen store that has since been deleted falls back to the default.
  const target = others.some((store) => store.id === storeId) ? storeId : "";

  return (
    <div className="space-y-4 border-b border-stone-200 p-4 dark:border-stone-800">
      <DropZone
        label="Upload files"
        hint={`${acceptedFileTypesText}. Each file is parsed, split into passages and indexed for search.`}
        onFiles={(files) => void uploads.upload(files, target || null)}
      />
      <Field
        id="upload-store"
        label="Target store"
        hint="Files go to the assistant's default store unless you pick another."
        className="max-w-sm"
      >
        {(c) => (
          <Select {...c} value={target} onChange={(event) => setStoreId(event.target.value)}>
            <option value="">{defaultStore ? `${defaultStore.name} (default)` : "Default store"}</option>
            {others.map((store) => (
              <option key={store.id} value={store.id} disabled={store.status === "expired"}>
                {store.name}
                {store.status === "expired" ? " (expired)" : ""}
              </option>
            ))}
          </Select>
        )}
      </Field>
      <UploadProgressList items={uploads.items} onDismiss={uploads.dismiss} />
    </div>
  );
}
