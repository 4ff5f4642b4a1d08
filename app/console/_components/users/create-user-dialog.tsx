"use client";
import { zodResolver } from "@hookform/resolvers/zod";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { UserPlus } from "lucide-react";
import { useState } from "react";
import { useForm } from "react-hook-form";
import { toast } from "sonner";
import type { z } from "zod";
import { createUserInputSchema } from "@/server/schemas/user";
import { errorCode, errorMessage } from "../../_lib/errors";
import { formErrorMap } from "../../_lib/form-errors";
import { useTRPC } from "../../_lib/trpc";
import { useUnsavedChanges } from "../../_lib/use-unsaved-changes";
import { Alert } from "../ui/alert";
import { Button } from "../ui/button";
import { Field } from "../ui/field";
import { Input, Select } from "../ui/input";
import { Modal } from "../ui/modal";
import { roleDescriptions } from "./roles";

type FormValues = z.input<typeof createUserInputSchema>;
type FormOutput = z.output<typeof createUserInputSchema>;

const defaults: FormValues = { name: "", email: "", password: "", role: "viewer" };

export function CreateUserDialog() {
  const [open, setOpen] = useState(false);
  return (
    <>
      <Button onClick={() => setOpen(true)}>
        <UserPlus aria-hidden className="size-4" />
        Create user
      </Button>
      <Modal
        open={open}
        onOpenChange={setOpen}
        title="Create user"
        description="They sign in with this email and password; share the password with them safely."
      >
        <CreateUserForm onDone={() => setOpen(false)} />
      </Modal>
    </>
  );
}

function CreateUserForm({ onDone }: { onDone: () => void }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [formError, setFormError] = useState<string | null>(null);
  const create = useMutation(trpc.users.create.mutationOptions());
  const {
    register,
    handleSubmit,
    setError,
    formState: { errors, isSubmitting, isDirty },
  } = useForm<FormValues, unknown, FormOutput>({
    resolver: zodResolver(createUserInputSchema, { error: formErrorMap }),
    defaultValues: defaults,
  });
  useUnsavedChanges(isDirty);

  const submit = handleSubmit(async (values) => {
    setFormError(null);
    try {
      const user = await create.mutateAsync(values);
      await queryClient.invalidateQueries(trpc.users.list.queryFilter());
      toast.success(`Created ${user.email} (${user.role})`);
      onDone();
    } catch (error) {
      if (errorCode(error) === "CONFLICT")
        setError("email", { message: errorMessage(error) }, { shouldFocus: true });
      else setFormError(errorMessage(error));
    }
  });

  return (
    <form onSubmit={(event) => void submit(event)} noValidate className="space-y-4">
      {formError && <Alert>{formError}</Alert>}
      <Field id="user-name" label="Name" error={errors.name?.message}>
        {(c) => <Input {...c} autoComplete="off" autoFocus {...register("name")} />}
      </Field>
      <Field id="user-email" label="Email" error={errors.email?.message}>
        {(c) => <Input {...c} type="email" autoComplete="off" {...register("email")} />}
      </Field>
      <Field
        id="user-password"
        label="Password"
        hint="At least 12 characters."
        error={errors.password?.message}
      >
        {(c) => <Input {...c} type="password" autoComplete="new-password" {...register("password")} />}
      </Field>
      <Field id="user-role" label="Role" error={errors.role?.message}>
        {(c) => (
          <Select {...c} {...register("role")}>
            {Object.entries(roleDescriptions).map(([role, description]) => (
              <option key={role} value={role}>
                {role} — {description}
              </option>
            ))}
          </Select>
        )}
      </Field>
      <div className="flex justify-end gap-2 pt-1">
        <Button variant="secondary" onClick={onDone} disabled={isSubmitting}>
          Cancel
        </Button>
        <Button type="submit" pending={isSubmitting}>
          Create user
        </Button>
      </div>
    </form>
  );
}
