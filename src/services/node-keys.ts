// Keys a node derives from its own key pair for uses other than signing (the sighter tokens of
// issue 17, the pseudonymous profile ids of issue 18): derived when first needed, kept for the
// process, and derived again after a failure (a node whose key pair is not made yet).
import type { NodeService } from './federation/node.service.ts';

/** A key derived once from the node's private key (its PKCS#8 DER bytes) by `derive`. */
export function derivedKey(node: Pick<NodeService, 'identity'>, derive: (privateKeyDer: Buffer) => Buffer): () => Promise<Buffer> {
  let key: Promise<Buffer> | undefined;
  return () => {
    key ??= node
      .identity()
      .then((n) => derive(n.signer.key.export({ format: 'der', type: 'pkcs8' })))
      .catch((e: unknown) => {
        key = undefined;
        throw e;
      });
    return key;
  };
}
