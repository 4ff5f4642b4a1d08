"use client";
import { useQueryClient } from "@tanstack/react-query";
import { LogOut } from "lucide-react";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { toast } from "sonner";
import { authClient } from "../../_lib/auth-client";
import { Button } from "../ui/button";

export function SignOutButton() {
  const router = useRouter();
  const queryClient = useQueryClient();
  const [pending, setPending] = useState(false);

  async function signOut() {
    setPending(true);
    const { error } = await authClient.signOut();
    if (error) {
      setPending(false);
      toast.error(error.message ?? "Could not sign out");
      return;
    }
    queryClient.clear();
    router.replace("/console/login");
    router.refresh();
  }

  return (
    <Button variant="ghost" size="sm" pending={pending} onClick={() => void signOut()}>
      {!pending && <LogOut aria-hidden className="size-4" />}
      Sign out
    </Button>
  );
}
