export const id = 345;
export const ids = [345];
export const modules = {

/***/ 2345:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  createOctokit: () => (/* binding */ createOctokit)
});

// EXTERNAL MODULE: ./node_modules/@actions/github/lib/github.js + 22 modules
var github = __webpack_require__(2413);
// EXTERNAL MODULE: ./src/version.ts
var version = __webpack_require__(311);
// EXTERNAL MODULE: ./src/http/retry-policy.ts
var retry_policy = __webpack_require__(7593);
// EXTERNAL MODULE: ./src/util/clock.ts
var util_clock = __webpack_require__(7110);
// EXTERNAL MODULE: ./src/util/error-message.ts
var error_message = __webpack_require__(6568);
;// CONCATENATED MODULE: ./src/github/request-pacing.ts



/** GitHub asks for writes one at a time, at least a second apart. */
const WRITE_GAP_MS = 1000;
/** A rate limit is waited out at most this often for one request, and never longer than this. */
const RATE_LIMIT_RETRIES = 2;
const MAX_RATE_LIMIT_WAIT_SECONDS = 20;
/** GitHub's advice when a secondary rate limit names no time. */
const SECONDARY_LIMIT_FALLBACK_SECONDS = 60;
/**
 * The wrapper for Octokit's request hook (`octokit.hook.wrap('request', …)`): every GitHub request on
 * `clock`, writes paced (one at a time, WRITE_GAP_MS apart), a request that is safe to repeat sent
 * again on a retryable status, rate limits waited out with a warning. Every wait ends when the
 * request's signal aborts.
 */
function pacedRequests(hooks) {
    const lane = writeLane(hooks.clock);
    return async (request, options) => {
        const signal = options.request?.signal ?? undefined;
        const send = isWrite(options.method) ? (o) => lane.send(async () => request(o), signal) : async (o) => request(o);
        return (await sendWithRetries(send, options, hooks, signal));
    };
}
async function sendWithRetries(send, options, hooks, signal) {
    let failures = 0;
    let rateLimited = 0;
    for (;;) {
        try {
            return await send(options);
        }
        catch (error) {
            if (signal?.aborted)
                throw error;
            const limit = rateLimitOf(error, hooks.clock.now());
            if (limit) {
                if (rateLimited >= RATE_LIMIT_RETRIES || limit.seconds > MAX_RATE_LIMIT_WAIT_SECONDS)
                    throw error;
                rateLimited++;
                hooks.warn(`GitHub ${limit.kind} hit on ${options.method} ${options.url}; retrying in ${limit.seconds}s.`);
                await hooks.clock.sleep(limit.seconds * 1000, signal);
                continue;
            }
            failures++;
            const status = (0,error_message/* errorStatus */.P)(error);
            if (!isRepeatable(options) || status === undefined || !(0,retry_policy/* isRetryableStatus */.PS)(status) || failures >= retry_policy/* READ_RETRY */.iw.maxAttempts)
                throw error;
            await hooks.clock.sleep((0,retry_policy/* backoffDelay */.EY)(retry_policy/* READ_RETRY */.iw, failures), signal);
        }
    }
}
const isWrite = (method) => !['GET', 'HEAD'].includes(method.toUpperCase());
/** A POST creates; any other request is safe to send again unless marked `SEND_ONCE` (write-once.ts). */
function isRepeatable(options) {
    return options.method.toUpperCase() !== 'POST' && options.request?.sendOnce !== true;
}
/**
 * The rate limit a 403 or 429 answer reports, and how long to wait: `retry-after` when given, else
 * until one second after `x-ratelimit-reset` when `x-ratelimit-remaining` is 0. Null for any other failure.
 */
function rateLimitOf(error, now) {
    const status = (0,error_message/* errorStatus */.P)(error);
    if (status !== 403 && status !== 429)
        return null;
    const headers = responseHeaders(error);
    const retryAfterMs = (0,retry_policy/* parseRetryAfter */.mu)(headers['retry-after'], now);
    const secondary = error instanceof Error && /\bsecondary rate\b/i.test(error.message);
    const resetSeconds = Number(headers['x-ratelimit-reset'] || NaN);
    if (headers['x-ratelimit-remaining'] === '0' && !secondary && (retryAfterMs !== undefined || Number.isFinite(resetSeconds))) {
        const untilReset = Math.max(0, Math.ceil((resetSeconds * 1000 - now) / 1000) + 1);
        return { kind: 'rate limit', seconds: retryAfterMs !== undefined ? Math.ceil(retryAfterMs / 1000) : untilReset };
    }
    if (retryAfterMs === undefined && !secondary)
        return null;
    return {
        kind: 'secondary rate limit',
        seconds: retryAfterMs !== undefined ? Math.ceil(retryAfterMs / 1000) : SECONDARY_LIMIT_FALLBACK_SECONDS
    };
}
function responseHeaders(error) {
    if (typeof error !== 'object' || error === null || !('response' in error))
        return {};
    const { response } = error;
    if (typeof response !== 'object' || response === null || !('headers' in response))
        return {};
    const { headers } = response;
    if (typeof headers !== 'object' || headers === null)
        return {};
    // Only the text values: a header the code reads is a string or absent, whatever the answer held.
    return Object.fromEntries(Object.entries(headers).filter((entry) => typeof entry[1] === 'string'));
}
/** Every Octokit of a run shares its clock, so they share one lane: GitHub counts writes per token, not per client. */
const lanes = new WeakMap();
function writeLane(clock) {
    const existing = lanes.get(clock);
    if (existing)
        return existing;
    let tail = Promise.resolve();
    let lastStart = -Infinity;
    const lane = {
        send: (write, signal) => {
            const before = tail;
            const turn = (async () => {
                await (signal ? (0,util_clock/* within */.ux)(before, { signal }, () => Promise.reject(signal.reason)) : before);
                const wait = lastStart + WRITE_GAP_MS - clock.now();
                if (wait > 0)
                    await clock.sleep(wait, signal);
                lastStart = clock.now();
                return write();
            })();
            // A write that gave up waiting still leaves the next one behind the writes before it.
            tail = Promise.allSettled([before, turn]);
            return turn;
        }
    };
    lanes.set(clock, lane);
    return lane;
}

;// CONCATENATED MODULE: ./src/github/octokit.ts



/**
 * Octokit for the Checks and Issues APIs, its waits on `clock` (request-pacing.ts): writes paced,
 * 5xx retried, rate limits waited out (with a warning). A write that creates something or appends
 * annotations is never sent again on its own (`SEND_ONCE` in write-once.ts): a create answered 502
 * may have been applied.
 */
function createOctokit(token, apiUrl, warn, clock) {
    const octokit = (0,github/* getOctokit */.Q)(token, { baseUrl: apiUrl, userAgent: version/* USER_AGENT */._O });
    octokit.hook.wrap('request', pacedRequests({ clock, warn }));
    return octokit;
}


/***/ })

};
