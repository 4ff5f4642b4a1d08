"use client";
import { zodResolver } from "@hookform/resolvers/zod";
import { useMutation } from "@tanstack/react-query";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { useForm } from "react-hook-form";
import { z } from "zod";
import { setupAdminInputSchema } from "@/server/schemas/user";
import { authClient } from "../../_lib/auth-client";
import { errorCode, errorMessage } from "../../_lib/errors";
import { formErrorMap } from "../../_lib/form-errors";
import { useTRPC } from "../../_lib/trpc";
import { Alert } from "../ui/alert";
import { Button, buttonClasses } from "../ui/button";
import { Field } from "../ui/field";
import { Input } from "../ui/input";
import { AuthHeading } from "./auth-heading";

const setupFormSchema = setupAdminInputSchema
  .extend({ confirm: z.string() })
  .refine((values) => values.password === values.confirm, {
    message: "The passwords do not match",
    path: ["confirm"],
  });
type SetupValues = z.input<typeof setupFormSchema>;

export function AlreadySetUp() {
  return (
    <>
      <AuthHeading title="Hearth is already set up">
        The first admin account exists. Sign in, or ask an admin to create an account for you.
      </AuthHeading>
      <Link href="/console/login" className={buttonClasses({ className: "w-full" })}>
        Go to sign in
      </Link>
    </>
  );
}

export function SetupForm() {
  const trpc = useTRPC();
  const router = useRouter();
  const [alreadySetUp, setAlreadySetUp] = useState(false);
  const [serverError, setServerError] = useState<string | null>(null);
  const [redirecting, setRedirecting] = useState(false);
  const setup = useMutation(trpc.session.setup.mutationOptions());
  const {
    register,
    handleSubmit,
    formState: { errors, isSubmitting },
  } = useForm<SetupValues, unknown, z.output<typeof setupFormSchema>>({
    resolver: zodResolver(setupFormSchema, { error: formErrorMap }),
    defaultValues: { name: "", email: "", password: "", confirm: "" },
  });

  const onSubmit = handleSubmit(async ({ confirm: _confirm, ...input }) => {
    setServerError(null);
    try {
      await setup.mutateAsync(input);
    } catch (error) {
      if (errorCode(error) === "FORBIDDEN") setAlreadySetUp(true);
      else setServerError(errorMessage(error));
      return;
    }
    setRedirecting(true);
    const { error } = await authClient.signIn.email({ email: input.email, password: input.password });
    router.replace(error ? "/console/login" : "/console");
    router.refresh();
  });

  if (alreadySetUp) return <AlreadySetUp />;

  return (
    <>
      <AuthHeading title="Set up Hearth">
        Create the first admin account. This page works only once.
      </AuthHeading>
      <form onSubmit={(event) => void onSubmit(event)} noValidate className="space-y-4">
        {serverError && <Alert>{serverError}</Alert>}
        <Field id="name" label="Name" error={errors.name?.message}>
          {(control) => <Input {...control} autoComplete="name" autoFocus {...register("name")} />}
        </Field>
        <Field id="email" label="Email" error={errors.email?.message}>
          {(control) => <Input {...control} type="email" autoComplete="username" {...register("email")} />}
        </Field>
        <Field id="password" label="Password" hint="At least 12 characters." error={errors.password?.message}>
          {(control) => (
            <Input {...control} type="password" autoComplete="new-password" {...register("password")} />
          )}
        </Field>
        <Field id="confirm" label="Confirm password" error={errors.confirm?.message}>
          {(control) => (
            <Input {...control} type="password" autoComplete="new-password" {...register("confirm")} />
          )}
        </Field>
        <Button type="submit" className="w-full" pending={isSubmitting || redirecting}>
          Create admin account
        </Button>
      </form>
    </>
  );
}
