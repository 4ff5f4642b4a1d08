"use client";
// The tools editor's import from an OpenAPI document: the admin pastes it (JSON or YAML), the
// server reads it (assistants.importOpenApiTools, the same service as POST /admin/tools/import-openapi)
// and proposes an HTTP tool per operation, and the checked ones are added to the form as new tools.
import { useMutation } from "@tanstack/react-query";
import { FileCode } from "lucide-react";
import { useEffect, useRef, useState, type FormEvent, type RefObject } from "react";
import { useWatch, type Control } from "react-hook-form";
import type { ImportOpenApiResult } from "@/server/schemas/assistant-tools";
import { errorCode, errorMessage, fieldIssues } from "../../_lib/errors";
import { useTRPC } from "../../_lib/trpc";
import { Alert } from "../ui/alert";
import { Badge } from "../ui/badge";
import { Button } from "../ui/button";
import { Field } from "../ui/field";
import { Checkbox, Input, Textarea } from "../ui/input";
import { Modal } from "../ui/modal";
import type { AssistantFormOutput, AssistantFormValues } from "./assistant-form-schema";
import {
  addLabel,
  chosenTools,
  importChoices,
  importRequest,
  initialSelection,
  placeRefusal,
  selectionProblem,
  type ImportChoice,
  type ImportRefusal,
} from "./openapi-import-choices";
import type { ToolFormValues } from "./tool-form-schema";

type FormControl = Control<AssistantFormValues, unknown, AssistantFormOutput>;

type OpenApiImportProps = {
  control: FormControl;
  onAdd: (tools: ToolFormValues[]) => void;
  disabled?: boolean;
};

/** "Import from OpenAPI" and its dialog. */
export function OpenApiImport({ control, onAdd, disabled }: OpenApiImportProps) {
  const [open, setOpen] = useState(false);
  const documentRef = useRef<HTMLTextAreaElement>(null);
  const triggerRef = useRef<HTMLButtonElement>(null);
  return (
    <>
      <Button
        ref={triggerRef}
        variant="secondary"
        size="sm"
        disabled={disabled}
        onClick={() => setOpen(true)}
      >
        <FileCode aria-hidden className="size-3.5" />
        Import from OpenAPI
      </Button>
      <Modal
        open={open}
        onOpenChange={setOpen}
        title="Import from OpenAPI"
        description="Paste an OpenAPI 3.0 or 3.1 document: each of its operations can become an HTTP tool. Nothing is saved until you save the assistant."
        initialFocus={documentRef}
        finalFocus={triggerRef}
      >
        <ImportForm
          control={control}
          documentRef={documentRef}
          onCancel={() => setOpen(false)}
          onAdd={(tools) => {
            onAdd(tools);
            setOpen(false);
          }}
        />
      </Modal>
    </>
  );
}

type ImportFormProps = {
  control: FormControl;
  documentRef: RefObject<HTMLTextAreaElement | null>;
  onAdd: (tools: ToolFormValues[]) => void;
  onCancel: () => void;
};

type Proposal = { choices: ImportChoice[]; skipped: ImportOpenApiResult["skipped"] };

function ImportForm({ control, documentRef, onAdd, onCancel }: ImportFormProps) {
  const trpc = useTRPC();
  const read = useMutation(trpc.assistants.importOpenApiTools.mutationOptions());
  const tools = useWatch({ control, name: "tools" });
  const [documentText, setDocumentText] = useState("");
  const [baseUrl, setBaseUrl] = useState("");
  const [refusal, setRefusal] = useState<ImportRefusal | null>(null);
  const [proposal, setProposal] = useState<Proposal | null>(null);
  const [selected, setSelected] = useState<Set<string>>(new Set());
  const baseUrlRef = useRef<HTMLInputElement>(null);
  const foundRef = useRef<HTMLParagraphElement>(null);

  // Focus follows the outcome: to the field refused, or to what was found.
  useEffect(() => {
    if (refusal?.field === "document") documentRef.current?.focus();
    else if (refusal?.field === "base_url") baseUrlRef.current?.focus();
  }, [refusal, documentRef]);
  useEffect(() => {
    if (proposal) foundRef.current?.focus();
  }, [proposal]);

  async function readOperations(event: FormEvent) {
    event.preventDefault();
    // The dialog is portalled out of the assistant form in the DOM, not in React: keep its submit here.
    event.stopPropagation();
    const request = importRequest(documentText, baseUrl);
    if ("refusal" in request) {
      setRefusal(request.refusal);
      return;
    }
    setRefusal(null);
    try {
      const result = await read.mutateAsync(request.input);
      const choices = importChoices(
        result.data,
        tools.map((tool) => tool.name),
      );
      setSelected(initialSelection(choices));
      setProposal({ choices, skipped: result.skipped });
    } catch (error) {
      setRefusal(placeRefusal(errorCode(error), errorMessage(error), fieldIssues(error)));
    }
  }

  // What was read is of the text as it was: an edit asks for another read.
  function edit(set: (value: string) => void, value: string) {
    set(value);
    setProposal(null);
    setRefusal(null);
  }

  const chosen = proposal ? chosenTools(proposal.choices, selected) : [];
  const problem = selectionProblem(chosen.length, tools.length);
  const fieldError = (field: ImportRefusal["field"]) =>
    refusal?.field === field ? refusal.message : undefined;

  return (
    <form onSubmit={(event) => void readOperations(event)} noValidate className="space-y-5">
      {refusal?.field === null && <Alert title="Could not read the document">{refusal.message}</Alert>}
      <Field
        id="openapi-document"
        label="OpenAPI document"
        required
        hint="JSON or YAML. Only its own #/… references are followed: nothing is fetched."
        error={fieldError("document")}
      >
        {(c) => (
          <Textarea
            {...c}
            ref={documentRef}
            rows={10}
            className="font-mono text-xs"
            spellCheck={false}
            value={documentText}
            onChange={(event) => edit(setDocumentText, event.target.value)}
          />
        )}
      </Field>
      <Field
        id="openapi-base-url"
        label="Base URL"
        hint="For a document that names no server, or only a relative one."
        error={fieldError("base_url")}
      >
        {(c) => (
          <Input
            {...c}
            ref={baseUrlRef}
            type="url"
            className="font-mono"
            autoComplete="off"
            spellCheck={false}
            placeholder="https://api.example.com/v1"
            value={baseUrl}
            onChange={(event) => edit(setBaseUrl, event.target.value)}
          />
        )}
      </Field>
      {proposal && (
        <Operations proposal={proposal} selected={selected} onSelect={setSelected} foundRef={foundRef} />
      )}
      {proposal && problem && <Alert tone="warning">{problem}</Alert>}
      <div className="flex justify-end gap-2">
        <Button variant="secondary" onClick={onCancel}>
          Cancel
        </Button>
        {proposal ? (
          <Button disabled={chosen.length === 0 || problem !== null} onClick={() => onAdd(chosen)}>
            {addLabel(chosen.length)}
          </Button>
        ) : (
          <Button type="submit" pending={read.isPending}>
            Read operations
          </Button>
        )}
      </div>
    </form>
  );
}

const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

type OperationsProps = {
  proposal: Proposal;
  selected: Set<string>;
  onSelect: (selected: Set<string>) => void;
  foundRef: RefObject<HTMLParagraphElement | null>;
};

function Operations({ proposal: { choices, skipped }, selected, onSelect, foundRef }: OperationsProps) {
  const offered = choices.filter((choice) => !choice.alreadyAdded);
  const allChecked = offered.every((choice) => selected.has(choice.tool.name));
  const toggle = (name: string, checked: boolean) => {
    const next = new Set(selected);
    if (checked) next.add(name);
    else next.delete(name);
    onSelect(next);
  };
  return (
    <div className="space-y-4 border-t border-stone-200 pt-4 dark:border-stone-800">
      <p
        ref={foundRef}
        tabIndex={-1}
        className="text-sm text-stone-800 focus:outline-none dark:text-stone-200"
      >
        Found {plural(choices.length, "operation", "operations")} that can be tools
        {skipped.length > 0 && `; ${plural(skipped.length, "was", "were")} skipped`}.
      </p>
      {choices.length > 0 && (
        <fieldset>
          {/* Floated, the legend shares its line with the button (a legend must be the first child). */}
          <legend className="float-left py-1.5 text-sm font-medium text-stone-800 dark:text-stone-200">
            Operations
          </legend>
          {offered.length > 1 && (
            <div className="flex justify-end">
              <Button
                variant="ghost"
                size="sm"
                onClick={() => onSelect(allChecked ? new Set() : initialSelection(choices))}
              >
                {allChecked ? "Uncheck all" : "Check all"}
              </Button>
            </div>
          )}
          <div className="clear-both pt-2">
            <ul className="divide-y divide-stone-200 rounded-md border border-stone-200 dark:divide-stone-800 dark:border-stone-700">
              {choices.map((choice, index) => (
                <OperationChoice
                  key={choice.tool.name}
                  id={`openapi-operation-${index}`}
                  choice={choice}
                  checked={!choice.alreadyAdded && selected.has(choice.tool.name)}
                  onChange={(checked) => toggle(choice.tool.name, checked)}
                />
              ))}
            </ul>
          </div>
        </fieldset>
      )}
      {skipped.length > 0 && (
        <div className="space-y-2">
          <h3 className="text-sm font-medium text-stone-800 dark:text-stone-200">Skipped</h3>
          <ul className="space-y-1 text-sm text-stone-600 dark:text-stone-400">
            {skipped.map(({ operation, reason }, index) => (
              <li key={`${index}:${operation}`}>
                <code className="font-mono text-stone-800 dark:text-stone-200">{operation}</code>: {reason}
              </li>
            ))}
          </ul>
        </div>
      )}
    </div>
  );
}

type OperationChoiceProps = {
  id: string;
  choice: ImportChoice;
  checked: boolean;
  onChange: (checked: boolean) => void;
};

function OperationChoice({
  id,
  choice: { tool, summary, alreadyAdded },
  checked,
  onChange,
}: OperationChoiceProps) {
  return (
    <li className="flex items-start gap-2.5 p-2.5">
      <Checkbox
        id={id}
        className="mt-0.5 shrink-0"
        checked={checked}
        disabled={alreadyAdded}
        aria-describedby={`${id}-details`}
        onChange={(event) => onChange(event.target.checked)}
      />
      <div className="min-w-0 space-y-0.5">
        <label htmlFor={id} className="font-mono text-sm font-medium text-stone-900 dark:text-stone-100">
          {tool.name}
        </label>
        <div id={`${id}-details`} className="space-y-0.5 text-xs text-stone-600 dark:text-stone-400">
          {alreadyAdded && <Badge>already added</Badge>}
          <p className="font-mono break-all">
            <span className="font-semibold text-stone-800 dark:text-stone-200">{tool.method}</span> {tool.url}
          </p>
          {summary && <p>{summary}</p>}
        </div>
      </div>
    </li>
  );
}
