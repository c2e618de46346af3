// POST /web-hosting/public/sites/:site/feedback { path, rating, reason?, comment? }: a visitor's
// answer to "Quanto sono chiare le informazioni su questa pagina?". 204 when kept; 400 with one
// issue per field; 429 beyond 5 answers a minute from one address to one site. Nothing that
// identifies the visitor is kept (the address only keys the rate limit's counter).
import { limitRate, RateLimitedError, type FieldIssue, type PluginRouteCall } from '@gea/core';
import { z } from 'zod';
import { cachedSiteHead, isServed } from './cache.ts';
import { feedbackReasonsFor } from './feedback-reasons.ts';
import { findPublishedPage, listDefinition } from './resolve-path.ts';
import { notFound } from './respond.ts';

export const FEEDBACK_BUDGET = { points: 5, seconds: 60 };
const MAX_BODY = 4_096;

const FeedbackInput = z.looseObject({
  path: z.string().max(500),
  rating: z.number().int().min(1).max(5),
  reason: z.string().max(50).nullish(),
  comment: z.string().max(200).nullish(),
});

const badRequest = (issues: FieldIssue[]) =>
  Response.json({ error: issues.map((issue) => `${issue.path.join('.') || 'body'}: ${issue.message}`).join('; '), issues }, { status: 400, headers: { 'cache-control': 'no-store' } });

/** The site path a visitor gives: "/servizi/x/" or "servizi/x?y" become "servizi/x". */
const normalisePath = (path: string) => path.split(/[?#]/)[0]!.split('/').filter(Boolean).join('/');

export const feedbackRoute = {
  method: 'POST',
  path: '/public/sites/:site/feedback',
  access: 'public',
  handle: async (request: Request, call: PluginRouteCall) => {
    const head = await cachedSiteHead(call.context, call.params.site ?? '');
    if (!head || !isServed(head)) return notFound('No such site');
    try {
      await limitRate(call.context, 'web-hosting:feedback', `${head.id}|${call.context.clientAddress ?? 'unknown'}`, FEEDBACK_BUDGET, 'Too many ratings from this address');
    } catch (error) {
      if (!(error instanceof RateLimitedError)) throw error;
      return Response.json(
        { error: error.message, retryAfterSeconds: error.retryAfterSeconds },
        { status: 429, headers: { 'retry-after': String(error.retryAfterSeconds), 'cache-control': 'no-store' } },
      );
    }
    const text = await request.text();
    if (text.length > MAX_BODY) return badRequest([{ path: [], message: `at most ${MAX_BODY} characters`, code: 'TOO_LONG', maximum: MAX_BODY }]);
    let body: unknown;
    try {
      body = JSON.parse(text);
    } catch {
      return badRequest([{ path: [], message: 'a JSON object expected' }]);
    }
    const parsed = FeedbackInput.safeParse(body);
    if (!parsed.success) {
      return badRequest(
        parsed.error.issues.map((issue) => ({
          path: issue.path.map(String),
          message: issue.message,
          code: issue.code === 'too_big' ? 'TOO_LONG' : issue.code === 'invalid_type' && issue.input === undefined ? 'REQUIRED' : 'INVALID_VALUE',
        })),
      );
    }
    const { rating } = parsed.data;
    const reason = parsed.data.reason?.trim() || null;
    const comment = parsed.data.comment?.trim() || null;
    const issues: FieldIssue[] = [];
    if (reason !== null && !feedbackReasonsFor(rating).some((choice) => choice.key === reason)) {
      issues.push({ path: ['reason'], message: `not one of the choices for ${rating} stars`, code: 'INVALID_CHOICE' });
    }
    const path = normalisePath(parsed.data.path);
    let itemId: string | null = null;
    if (path !== '' && !listDefinition(path)) {
      const page = await findPublishedPage(call.context, head.id, path);
      if (page) itemId = page.id;
      else issues.push({ path: ['path'], message: 'no such page on this site' });
    }
    if (issues.length > 0) return badRequest(issues);
    await call.context.db.pageFeedback.create({ data: { siteId: head.id, itemId, path, rating, reason, comment } });
    return new Response(null, { status: 204, headers: { 'cache-control': 'no-store' } });
  },
} as const;
