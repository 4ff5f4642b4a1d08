"use client";
import { zodResolver } from "@hookform/resolvers/zod";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { useForm } from "react-hook-form";
import { z } from "zod";
import { authClient } from "../../_lib/auth-client";
import { Alert } from "../ui/alert";
import { Button } from "../ui/button";
import { Field } from "../ui/field";
import { Input } from "../ui/input";
import { AuthHeading } from "./auth-heading";

const loginSchema = z.object({
  email: z.email("Enter a valid email address"),
  password: z.string().min(1, "Enter your password"),
});
type LoginValues = z.infer<typeof loginSchema>;

/** better-auth's errors carry `message`; Hearth's own (limits, bad input) carry `error.message`. */
type SignInError = { status: number; message?: string; error?: { message?: string } };

function signInErrorMessage(error: SignInError): string {
  if (error.status === 401) return "Wrong email or password.";
  if (error.status === 429) return error.error?.message ?? "Too many attempts; wait before trying again.";
  return error.error?.message || error.message || "Could not sign in. Try again.";
}

export function LoginForm({ needsSetup }: { needsSetup: boolean }) {
  const router = useRouter();
  const [serverError, setServerError] = useState<string | null>(null);
  const [redirecting, setRedirecting] = useState(false);
  const {
    register,
    handleSubmit,
    formState: { errors, isSubmitting },
  } = useForm<LoginValues>({
    resolver: zodResolver(loginSchema),
    defaultValues: { email: "", password: "" },
  });

  const onSubmit = handleSubmit(async (values) => {
    setServerError(null);
    const { error } = await authClient.signIn.email(values);
    if (error) {
      setServerError(signInErrorMessage(error));
      return;
    }
    setRedirecting(true);
    router.replace("/console");
    router.refresh();
  });

  return (
    <>
      <AuthHeading title="Sign in to Hearth">Use the account an admin created for you.</AuthHeading>
      {needsSetup && (
        <Alert tone="warning" className="mb-4">
          No account exists yet.{" "}
          <Link href="/console/setup" className="font-medium underline underline-offset-2">
            Set up Hearth
          </Link>{" "}
          to create the first admin.
        </Alert>
      )}
      <form onSubmit={(event) => void onSubmit(event)} noValidate className="space-y-4">
        {serverError && <Alert>{serverError}</Alert>}
        <Field id="email" label="Email" error={errors.email?.message}>
          {(control) => (
            <Input {...control} type="email" autoComplete="username" autoFocus {...register("email")} />
          )}
        </Field>
        <Field id="password" label="Password" error={errors.password?.message}>
          {(control) => (
            <Input {...control} type="password" autoComplete="current-password" {...register("password")} />
          )}
        </Field>
        <Button type="submit" className="w-full" pending={isSubmitting || redirecting}>
          Sign in
        </Button>
      </form>
    </>
  );
}
