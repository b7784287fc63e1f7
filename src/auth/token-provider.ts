/**
 * The token provider for a target's credential: automation (secret, certificate, federated token
 * file) or the person who signed in with `holofleet login`. The Graph client's `auth()` middleware
 * only sees the `TokenProvider` port.
 */
import { automationTokenProvider, type ClosableTokenProvider } from "./automation.ts";
import { tokenCachePath } from "./token-cache.ts";
import type { Target } from "./target.ts";
import { userTokenProvider } from "./user-sign-in.ts";

export function createTokenProvider(target: Target, opts: { stateDir: string }): ClosableTokenProvider {
  const cred = target.credential;
  if (cred.kind === "user") return userTokenProvider(target, tokenCachePath(opts.stateDir));
  return automationTokenProvider({ ...target, credential: cred });
}
