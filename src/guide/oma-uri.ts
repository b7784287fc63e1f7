/**
 * OMA-URI identity: `./Vendor/MSFT/…` and `./Device/Vendor/MSFT/…` address the same device-scope node
 * (hololens-facts, conventions), and OMA-URIs compare case-insensitively. One key function, so the compiler's
 * duplicate check, the audit's effective values and its conflict detection agree on what "one setting" is.
 */

/** The canonical key of the node an OMA-URI sets: lower case, `./Device/Vendor/` folded into `./Vendor/`. */
export function omaNodeKey(omaUri: string): string {
  return omaUri.trim().toLowerCase().replace(/^\.\/device\/vendor\//, "./vendor/");
}
