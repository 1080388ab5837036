/**
 * A bare echo bot on the same stack as the assistant (botbuilder's CloudAdapter with
 * ConfigurationBotFrameworkAuthentication and no App ID, restify with a JSON body parser), used by the
 * turn benchmark as the physical limit of that stack. With `ECHO_STATE_DIR` set it is the "stateful
 * echo": each turn it also saves one small state object (a turn count in botbuilder's ConversationState)
 * in the assistant's own SQLite storage in that folder, so the cost of durability shows on its own.
 * Run as a process: prints `{"port":N}` on stdout when it listens on 127.0.0.1 (PORT, default a free
 * one). Not part of the product.
 */
import type { AddressInfo } from 'node:net';
import { ActivityHandler, CloudAdapter, ConfigurationBotFrameworkAuthentication, ConversationState } from 'botbuilder';
import * as restify from 'restify';
import { createSqliteStateStorage } from '../src/infra/storage/sqliteStateStorage';

class EchoBot extends ActivityHandler {
  constructor(state?: ConversationState) {
    super();
    const turns = state?.createProperty<number>('turns');
    this.onMessage(async (context, next) => {
      if (state && turns) {
        await turns.set(context, (await turns.get(context, 0)) + 1);
        await state.saveChanges(context);
      }
      await context.sendActivity(`You said: ${context.activity.text ?? ''}`);
      await next();
    });
  }
}

const adapter = new CloudAdapter(new ConfigurationBotFrameworkAuthentication({}));
const stateDir = process.env['ECHO_STATE_DIR'];
const bot = new EchoBot(stateDir ? new ConversationState(createSqliteStateStorage({ dataDir: stateDir })) : undefined);
const server = restify.createServer();
server.use(restify.plugins.bodyParser({ maxBodySize: 262_144 }));
server.post('/api/messages', async (req, res) => {
  await adapter.process(req, res, (context) => bot.run(context));
});
server.get('/readyz', (_req, res, next) => {
  res.send(200, { ready: true });
  return next();
});
server.listen(Number(process.env['PORT'] ?? 0), '127.0.0.1', () => {
  const { port } = server.address() as AddressInfo;
  process.stdout.write(`${JSON.stringify({ port })}\n`);
});
process.on('SIGTERM', () => server.close(() => process.exit(0)));
