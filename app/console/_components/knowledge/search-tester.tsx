"use client";
import { zodResolver } from "@hookform/resolvers/zod";
import { useMutation } from "@tanstack/react-query";
import { Search } from "lucide-react";
import { useForm } from "react-hook-form";
import { z } from "zod";
import type { AssistantDto } from "@/server/schemas/assistant";
import { searchModeSchema } from "@/server/schemas/knowledge";
import { errorMessage } from "../../_lib/errors";
import { formErrorMap } from "../../_lib/form-errors";
import { useTRPC } from "../../_lib/trpc";
import { Alert } from "../ui/alert";
import { Button } from "../ui/button";
import { Field } from "../ui/field";
import { Input, Select } from "../ui/input";
import { SearchResults } from "./search-results";
import { useVectorStores } from "./use-vector-stores";

// Inputs hold strings; the schema turns them into the search's numbers, with the server's limits.
const formSchema = z.object({
  storeId: z.string().min(1, "Pick a store"),
  query: z.string().trim().min(1, "Enter a query").max(4000),
  top_k: z.string().trim().min(1, "Required").transform(Number).pipe(z.number().int().min(1).max(50)),
  score_threshold: z.string().trim().min(1, "Required").transform(Number).pipe(z.number().min(0).max(1)),
  mode: searchModeSchema,
});
type FormValues = z.input<typeof formSchema>;
type FormOutput = z.output<typeof formSchema>;

const modes: Array<[FormOutput["mode"], string]> = [
  ["hybrid", "Hybrid (vectors and full text)"],
  ["vector", "Vector only"],
  ["fulltext", "Full text only"],
];

/** Runs a search against one store, with the assistant's retrieval settings as the starting point. */
export function SearchTester({ assistant }: { assistant: AssistantDto }) {
  const trpc = useTRPC();
  const stores = useVectorStores(assistant.id);
  const search = useMutation(trpc.knowledge.search.mutationOptions());
  const storeList = stores.data?.data ?? [];
  const defaultStore = storeList.find((store) => store.is_default) ?? storeList[0];
  const {
    register,
    handleSubmit,
    formState: { errors },
  } = useForm<FormValues, unknown, FormOutput>({
    resolver: zodResolver(formSchema, { error: formErrorMap }),
    // `values` follows the stores as they load; user edits are kept (keepDirtyValues).
    values: {
      storeId: defaultStore?.id ?? "",
      query: "",
      top_k: String(assistant.rag.top_k),
      score_threshold: String(assistant.rag.score_threshold),
      mode: "hybrid",
    },
    resetOptions: { keepDirtyValues: true },
  });

  const submit = handleSubmit((values) =>
    search.mutate({
      assistantId: assistant.id,
      storeId: values.storeId,
      search: {
        query: values.query,
        top_k: values.top_k,
        score_threshold: values.score_threshold,
        mode: values.mode,
      },
    }),
  );

  if (stores.isSuccess && storeList.length === 0) {
    return (
      <p className="p-4 text-sm text-stone-500 dark:text-stone-400">
        Nothing to search yet: upload files first.
      </p>
    );
  }
  return (
    <div className="space-y-4 p-4">
      <form
        aria-label="Search"
        noValidate
        onSubmit={(event) => void submit(event)}
        className="grid gap-4 sm:grid-cols-2 lg:grid-cols-6"
      >
        <Field
          id="search-store"
          label="Vector store"
          error={errors.storeId?.message}
          className="lg:col-span-2"
        >
          {(c) => (
            <Select {...c} {...register("storeId")}>
              {storeList.map((store) => (
                <option key={store.id} value={store.id}>
                  {store.name}
                  {store.is_default ? " (default)" : ""}
                </option>
              ))}
            </Select>
          )}
        </Field>
        <Field
          id="search-query"
          label="Query"
          required
          error={errors.query?.message}
          className="lg:col-span-4"
        >
          {(c) => (
            <Input
              {...c}
              type="search"
              autoComplete="off"
              placeholder="A question your users might ask"
              {...register("query")}
            />
          )}
        </Field>
        <Field id="search-top-k" label="Top K" hint="1 to 50" error={errors.top_k?.message}>
          {(c) => (
            <Input
              {...c}
              type="number"
              inputMode="numeric"
              min={1}
              max={50}
              step={1}
              {...register("top_k")}
            />
          )}
        </Field>
        <Field
          id="search-threshold"
          label="Score threshold"
          hint="0 to 1"
          error={errors.score_threshold?.message}
        >
          {(c) => (
            <Input
              {...c}
              type="number"
              inputMode="decimal"
              min={0}
              max={1}
              step={0.05}
              {...register("score_threshold")}
            />
          )}
        </Field>
        <Field id="search-mode" label="Mode" error={errors.mode?.message} className="lg:col-span-2">
          {(c) => (
            <Select {...c} {...register("mode")}>
              {modes.map(([value, label]) => (
                <option key={value} value={value}>
                  {label}
                </option>
              ))}
            </Select>
          )}
        </Field>
        <div className="flex items-start sm:col-span-2 lg:col-span-2 lg:pt-6">
          <Button type="submit" pending={search.isPending} disabled={!stores.isSuccess}>
            <Search aria-hidden className="size-4" />
            Search
          </Button>
        </div>
      </form>
      {search.isError && <Alert title="The search failed">{errorMessage(search.error)}</Alert>}
      {search.data && (
        <SearchResults results={search.data} threshold={search.variables.search.score_threshold ?? 0} />
      )}
    </div>
  );
}
