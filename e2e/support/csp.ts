// Watching a page for Content-Security-Policy violations: every `securitypolicyviolation` event
// of every document the page loads (a listener injected before the page's own scripts, reporting
// through a binding, which the policy does not govern), and, as a second net, Chromium's console
// errors about the policy. Used by e2e/ui/content-security-policy.spec.ts.
import { expect, type Page } from "@playwright/test";

export interface CspViolation {
  /** The directive that refused, e.g. script-src-elem; "console" for a console error. */
  directive: string;
  /** What was refused: a URL, "inline", "eval"; for a console error, its text. */
  blocked: string;
  /** The script that caused it, when known. */
  source: string;
  /** The document it happened in. */
  page: string;
}

const BINDING = "__hearthCspViolation";

/** From now on, every violation the page reports is pushed onto the returned list. */
export async function recordCspViolations(page: Page): Promise<CspViolation[]> {
  const violations: CspViolation[] = [];
  await page.exposeBinding(BINDING, ({ frame }, violation: Omit<CspViolation, "page">) => {
    violations.push({ ...violation, page: frame.url() });
  });
  await page.addInitScript((binding) => {
    window.addEventListener(
      "securitypolicyviolation",
      (event) => {
        const report = (window as unknown as Record<string, (violation: object) => Promise<void>>)[binding];
        void report?.({
          directive: event.effectiveDirective,
          blocked: event.blockedURI,
          source: `${event.sourceFile}:${event.lineNumber}`,
        });
      },
      true,
    );
  }, BINDING);
  page.on("console", (message) => {
    if (message.type() === "error" && /Content Security Policy/i.test(message.text())) {
      violations.push({
        directive: "console",
        blocked: message.text(),
        source: message.location().url,
        page: page.url(),
      });
    }
  });
  return violations;
}

/**
 * Scalar's bundle carries its own copy of zod, which checks once whether it may compile with
 * `new Function`; the policy refuses (no 'unsafe-eval'), zod catches the refusal and parses
 * without compiling. That one refusal, from that one script, is expected; Hearth's own zod is
 * told not to try (instrumentation-client.ts).
 */
export function isScalarEvalProbe(violation: CspViolation): boolean {
  const fromScalar = violation.source.includes("/console/api-reference/scalar.js");
  return (
    fromScalar &&
    (violation.directive === "console"
      ? /unsafe-eval/.test(violation.blocked) && /evaluate a string as JavaScript/.test(violation.blocked)
      : violation.directive === "script-src" && violation.blocked === "eval")
  );
}

/** No violation so far but the allowed ones; the list is emptied for the next page. */
export function expectNoCspViolation(
  violations: CspViolation[],
  where: string,
  allowed: (violation: CspViolation) => boolean = () => false,
) {
  const unexpected = violations.filter((violation) => !allowed(violation));
  violations.length = 0;
  expect.soft(unexpected, `CSP violations on ${where}`).toEqual([]);
}
