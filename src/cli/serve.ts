// `concord serve`: run a node (HTTP API) until interrupted.
import { buildApp } from '../app.ts';
import { configFrom, parseCommand } from './context.ts';

export const usage = `concord serve [--host ADDR] [--port N]
  Runs a Concord node; the embedded SQLite database lives under --data-dir (default ./data)
  unless CONCORD_DATABASE_URL names a PostgreSQL database.`;

/** Runs the command; resolves when the server has stopped. */
export async function run(args: string[]): Promise<number> {
  const { values } = parseCommand(args, { host: { type: 'string' }, port: { type: 'string' } });
  if (values.help) {
    console.log(usage);
    return 0;
  }
  const config = configFrom(values, { ...(values.host ? { host: values.host } : {}), ...(values.port ? { port: values.port } : {}) });
  const node = await buildApp({ config });
  const boot = await node.services.bootstrap();
  if (boot.admin) {
    // Printed once, to the terminal only (never to the log): the password is not stored anywhere.
    console.log(
      `\nFirst start: created organisation "${boot.org.name}" and its administrator.\n  user name: ${boot.admin.username}\n  password:  ${boot.admin.password}\nThis password is shown only now; signing in with it, you first choose your own.\n`,
    );
  }
  const address = await node.app.listen({ host: config.host, port: config.port });
  node.app.log.info(
    `Concord is listening on ${address} (database: ${node.store.dialect === 'sqlite' ? `SQLite in ${config.dataDir}` : 'PostgreSQL'}); API docs at ${address}/api/docs`,
  );
  // Feeds on their interval (issue 4), peers when nudged and on an interval, and peers nudged
  // after commits (issue 5): the node's jobs (app.ts), stopped by close().
  node.jobs.start();
  // Alerts (issue 17, must 4): the rules held are evaluated over their window once at start, so a
  // node that was down raises what the sightings it now holds call for.
  void node.services.alertEvaluator.committed().catch((err: unknown) => node.app.log.error({ err }, 'alert evaluation failed'));
  await new Promise<void>((resolve) => {
    const stop = (): void => {
      node.app.log.info('stopping');
      void node.close().then(resolve);
    };
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
  return 0;
}
