// Write coalescing for hot routes: a response computed now is sent at the end of the current turn
// of the event loop (its check phase), together with every other response computed in that turn.
// Under load a turn handles many requests; sending each as it is ready wakes a waiting client once
// per response, and on the benchmark VM waking a client on the other vCPU cost 15 % of the server's
// CPU (`perf`: sock_def_readable → an inter-processor interrupt). Sent together, the responses of
// a turn wake it once. The delay is at most the rest of the turn (bench/RESULTS.md, session 4).

let turn: Promise<void> | undefined;

/** Resolves at the end of the current event-loop turn; every caller in one turn shares it. */
export function endOfTurn(): Promise<void> {
  turn ??= new Promise((resolve) =>
    setImmediate(() => {
      turn = undefined;
      resolve();
    }),
  );
  return turn;
}
