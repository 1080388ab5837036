/**
 * The routes of the built-in Direct Line 3.0 service (what Web Chat's DirectLineJS calls in polling
 * mode) and of the Bot Connector API subset the bot calls on its serviceUrl to reply.
 *
 * Browser side (Authorization: Bearer <token>):
 *   POST /v3/directline/tokens/refresh
 *   POST /v3/directline/conversations                          start (or get) the token's conversation
 *   GET  /v3/directline/conversations/:conversationId          reconnect
 *   POST /v3/directline/conversations/:conversationId/activities
 *   GET  /v3/directline/conversations/:conversationId/activities?watermark=
 * Bot side (the conversation id is the bot-side id, see conversationIds.ts):
 *   POST /v3/conversations/:conversationId/activities
 *   POST /v3/conversations/:conversationId/activities/:activityId
 */
import type * as restify from 'restify';
import { jsonBody, queryParam, routeParam, sendBadRequest, sendFailure, sendJson } from './directLineHttp';
import {
  botActivitySchema,
  clientActivitySchema,
  describeIssues,
  startConversationBodySchema,
  watermarkSchema,
} from './directLineSchemas';
import type { DirectLineService } from './directLineService';

/** Paths of the built-in Direct Line. */
export const directLinePaths = {
  /** The base the browser's DirectLineJS is given as `domain`. */
  domain: '/v3/directline',
  refresh: '/v3/directline/tokens/refresh',
  conversations: '/v3/directline/conversations',
  conversation: '/v3/directline/conversations/:conversationId',
  activities: '/v3/directline/conversations/:conversationId/activities',
  botActivities: '/v3/conversations/:conversationId/activities',
  botReply: '/v3/conversations/:conversationId/activities/:activityId',
} as const;

/** Registers the Direct Line and Bot Connector routes on `server`. */
export function registerDirectLineRoutes(server: restify.Server, service: DirectLineService): void {
  server.post(directLinePaths.refresh, async (req: restify.Request, res: restify.Response) => {
    const auth = service.authorize(req.header('authorization'));
    if (!auth.ok) return sendFailure(res, auth.failure);
    sendJson(res, 200, service.refreshToken(auth.value));
  });

  server.post(directLinePaths.conversations, async (req: restify.Request, res: restify.Response) => {
    const auth = service.authorize(req.header('authorization'));
    if (!auth.ok) return sendFailure(res, auth.failure);
    const body = startConversationBodySchema.safeParse(jsonBody(req));
    if (!body.success) return sendBadRequest(res, describeIssues(body.error, 'body'));
    const conversation = await service.startConversation(auth.value, body.data.locale);
    sendJson(res, 201, conversation);
  });

  server.get(directLinePaths.conversation, async (req: restify.Request, res: restify.Response) => {
    const auth = service.authorize(req.header('authorization'), routeParam(req, 'conversationId'));
    if (!auth.ok) return sendFailure(res, auth.failure);
    const resumed = await service.resumeConversation(auth.value);
    if (!resumed.ok) return sendFailure(res, resumed.failure);
    sendJson(res, 200, resumed.value);
  });

  server.post(directLinePaths.activities, async (req: restify.Request, res: restify.Response) => {
    const auth = service.authorize(req.header('authorization'), routeParam(req, 'conversationId'));
    if (!auth.ok) return sendFailure(res, auth.failure);
    const activity = clientActivitySchema.safeParse(req.body);
    if (!activity.success) return sendBadRequest(res, describeIssues(activity.error, 'activity'));
    const posted = await service.postActivity(auth.value, activity.data);
    if (!posted.ok) return sendFailure(res, posted.failure);
    sendJson(res, 200, posted.value);
  });

  server.get(directLinePaths.activities, async (req: restify.Request, res: restify.Response) => {
    const auth = service.authorize(req.header('authorization'), routeParam(req, 'conversationId'));
    if (!auth.ok) return sendFailure(res, auth.failure);
    const watermark = watermarkSchema.safeParse(queryParam(req, 'watermark'));
    if (!watermark.success) return sendBadRequest(res, describeIssues(watermark.error, 'watermark'));
    const page = await service.activitiesSince(auth.value, watermark.data);
    if (!page.ok) return sendFailure(res, page.failure);
    sendJson(res, 200, { activities: page.value.activities, watermark: String(page.value.watermark) });
  });

  const receiveFromBot = async (req: restify.Request, res: restify.Response): Promise<void> => {
    const activity = botActivitySchema.safeParse(req.body);
    if (!activity.success) return sendBadRequest(res, describeIssues(activity.error, 'activity'));
    const received = await service.receiveFromBot(routeParam(req, 'conversationId'), activity.data);
    if (!received.ok) return sendFailure(res, received.failure);
    sendJson(res, 200, received.value);
  };
  server.post(directLinePaths.botActivities, receiveFromBot);
  server.post(directLinePaths.botReply, receiveFromBot);
}
