/**
 * Answers an invoke the bot does not implement with 400 instead of botbuilder's 501. An unknown invoke
 * is the caller asking for something this bot does not offer — a client error — and the server keeps
 * 5xx for its own failures (alerts and the error metrics count those).
 */
import { ActivityTypes, type Middleware } from 'botbuilder';

/** The status given to unimplemented invokes. */
export const unsupportedInvokeStatus = 400;

/** Creates the middleware (add it with `adapter.use`). */
export function createUnsupportedInvokeMiddleware(): Middleware {
  return {
    async onTurn(context, next) {
      if (context.activity.type === ActivityTypes.Invoke) {
        context.onSendActivities(async (_context, activities, send) => {
          for (const activity of activities) {
            const value: unknown = activity.value;
            if (activity.type === ActivityTypes.InvokeResponse && typeof value === 'object' && value !== null && 'status' in value && value.status === 501) {
              activity.value = { status: unsupportedInvokeStatus, body: { error: 'This bot does not support that invoke.' } };
            }
          }
          return send();
        });
      }
      await next();
    },
  };
}
