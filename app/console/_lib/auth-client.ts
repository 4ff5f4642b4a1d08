"use client";
import { createAuthClient } from "better-auth/react";

/** better-auth's browser client: sign-in and sign-out set and clear the session cookie. */
export const authClient = createAuthClient({ basePath: "/api/auth" });
