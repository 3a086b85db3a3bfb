export const id = 867;
export const ids = [867,345];
export const modules = {

/***/ 5867:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   CheckRun: () => (/* binding */ CheckRun),
/* harmony export */   CheckRunPermissionError: () => (/* binding */ CheckRunPermissionError)
/* harmony export */ });
/* unused harmony exports GITHUB_REQUEST_TIMEOUT_MS, CHECK_RUN_LIMITS, chunk */
/* harmony import */ var _secrets_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(9908);
/* harmony import */ var _util_format_js__WEBPACK_IMPORTED_MODULE_6__ = __webpack_require__(2693);
/* harmony import */ var _util_shape_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(6069);
/* harmony import */ var _api_shapes_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(5146);
/* harmony import */ var _octokit_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(2345);
/* harmony import */ var _write_once_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(6712);
/* harmony import */ var _util_error_message_js__WEBPACK_IMPORTED_MODULE_5__ = __webpack_require__(6568);







/** Each Checks API call, retries included, gives up after this long: a hung API must not hang the step. */
const GITHUB_REQUEST_TIMEOUT_MS = 30_000;
/** The call's time limit, cut shorter by `signal` (a cancelled job) when given. */
function timeLimit(signal) {
    const timeout = AbortSignal.timeout(GITHUB_REQUEST_TIMEOUT_MS);
    return { signal: signal ? AbortSignal.any([signal, timeout]) : timeout };
}
/** Checks API limits. */
const CHECK_RUN_LIMITS = { annotationsPerRequest: 50, outputBytes: 65_535, titleChars: 255 };
/** The token may not write checks (fork PRs, `permissions: checks: read`): report elsewhere. */
class CheckRunPermissionError extends Error {
    status;
    constructor(status, detail) {
        super(detail);
        this.status = status;
        this.name = 'CheckRunPermissionError';
    }
}
/** One check run on the commit: created in progress, updated, completed with every annotation. */
class CheckRun {
    octokit;
    target;
    id;
    url;
    app;
    debug;
    constructor(octokit, target, id, url, 
    /** The GitHub App that made it (the token's), when GitHub said. */
    app, debug = () => undefined) {
        this.octokit = octokit;
        this.target = target;
        this.id = id;
        this.url = url;
        this.app = app;
        this.debug = debug;
    }
    /**
     * Creates the check run, once: a create that may have been applied (a 5xx, a timeout) is looked
     * for among the commit's check runs by its `external_id` (the result ID) before it is sent again.
     */
    static async create(target, output, warn, debug = () => undefined) {
        const octokit = (0,_octokit_js__WEBPACK_IMPORTED_MODULE_3__.createOctokit)(target.token, target.apiUrl, warn, target.clock);
        const { owner, repo } = target;
        try {
            const send = async () => {
                const { data } = await octokit.rest.checks.create({
                    owner,
                    repo,
                    name: target.name,
                    head_sha: target.sha,
                    status: 'in_progress',
                    started_at: new Date(target.clock.now()).toISOString(),
                    details_url: target.detailsUrl,
                    external_id: target.externalId,
                    output: limitOutput(output),
                    request: { ...timeLimit(), ..._write_once_js__WEBPACK_IMPORTED_MODULE_4__/* .SEND_ONCE */ .tW }
                });
                return (0,_util_shape_js__WEBPACK_IMPORTED_MODULE_1__/* .parseShape */ .Tr)(_api_shapes_js__WEBPACK_IMPORTED_MODULE_2__/* .createdCheckRunShape */ .JV, data);
            };
            const findCreated = async () => {
                const { data } = await octokit.rest.checks.listForRef({
                    owner,
                    repo,
                    ref: target.sha,
                    check_name: target.name,
                    filter: 'all',
                    per_page: 100,
                    request: timeLimit()
                });
                // An answer that is not a list of check runs finds nothing: the check run is sent again.
                const listed = (0,_util_shape_js__WEBPACK_IMPORTED_MODULE_1__/* .parseShape */ .Tr)((0,_util_shape_js__WEBPACK_IMPORTED_MODULE_1__/* .nullIfInvalid */ .On)(_api_shapes_js__WEBPACK_IMPORTED_MODULE_2__/* .checkRunListShape */ .Dh), data)?.check_runs ?? [];
                return listed.find((run) => run.external_id === target.externalId) ?? null;
            };
            const created = await (0,_write_once_js__WEBPACK_IMPORTED_MODULE_4__/* .createOnce */ .Ur)(send, findCreated, { what: 'the check run', debug, clock: target.clock });
            return new CheckRun(octokit, target, created.id, created.html_url && /^https:\/\//.test(created.html_url) ? (0,_secrets_js__WEBPACK_IMPORTED_MODULE_0__/* .redact */ .E$)(created.html_url) : '', created.app ?? null, debug);
        }
        catch (error) {
            const status = (0,_util_error_message_js__WEBPACK_IMPORTED_MODULE_5__/* .errorStatus */ .P)(error);
            if (status === 403 || status === 404) {
                throw new CheckRunPermissionError(status, (0,_secrets_js__WEBPACK_IMPORTED_MODULE_0__/* .redact */ .E$)((0,_util_error_message_js__WEBPACK_IMPORTED_MODULE_5__/* .errorMessage */ .g)(error)));
            }
            throw error;
        }
    }
    /** Replaces the output while in progress; `annotations` (at most 50) are appended. */
    async update(output, annotations = [], signal) {
        await this.patch({}, limitOutput(output), annotations, signal);
    }
    /** Completes the check run; annotations go 50 per request, the first batch with the conclusion. */
    async complete(conclusion, output, annotations, signal) {
        const limited = limitOutput(output);
        const batches = chunk(annotations, CHECK_RUN_LIMITS.annotationsPerRequest);
        await this.patch({ status: 'completed', conclusion, completed_at: new Date(this.target.clock.now()).toISOString() }, limited, batches[0] ?? [], signal);
        for (const batch of batches.slice(1))
            await this.patch({}, limited, batch, signal);
    }
    /**
     * One update. Fields and output alone are safe to repeat (request-pacing.ts retries them); annotations are
     * appended, so a request that carries them is sent once, and after an ambiguous failure only the
     * annotations the check run does not have yet are sent again.
     */
    async patch(fields, output, annotations, signal) {
        const send = (batch, once) => this.octokit.rest.checks
            .update({
            owner: this.target.owner,
            repo: this.target.repo,
            check_run_id: this.id,
            ...fields,
            output: { ...output, annotations: [...batch] },
            request: once ? { ...timeLimit(signal), ..._write_once_js__WEBPACK_IMPORTED_MODULE_4__/* .SEND_ONCE */ .tW } : timeLimit(signal)
        })
            .then(() => undefined);
        if (annotations.length === 0)
            return send([], false);
        await (0,_write_once_js__WEBPACK_IMPORTED_MODULE_4__/* .appendOnce */ .cj)((batch) => send(batch, true), annotations, () => this.annotationsPresent(signal), {
            signal,
            what: 'the check run',
            debug: this.debug,
            clock: this.target.clock
        });
    }
    /** Every annotation the check run has, as GitHub lists them (at most 500 are ever sent). */
    async annotationsPresent(signal) {
        const present = [];
        for (let page = 1; page <= 10; page++) {
            const { data } = await this.octokit.rest.checks.listAnnotations({
                owner: this.target.owner,
                repo: this.target.repo,
                check_run_id: this.id,
                per_page: 100,
                page,
                request: timeLimit(signal)
            });
            // An answer that is not a list reads as no annotations, an entry that is not one as a failure.
            const list = Array.isArray(data) ? (0,_util_shape_js__WEBPACK_IMPORTED_MODULE_1__/* .parseShape */ .Tr)(_api_shapes_js__WEBPACK_IMPORTED_MODULE_2__/* .annotationListShape */ .j5, data) : [];
            present.push(...list);
            if (list.length < 100)
                break;
        }
        return present;
    }
}
function chunk(items, size) {
    const chunks = [];
    for (let i = 0; i < items.length; i += size)
        chunks.push(items.slice(i, i + size));
    return chunks;
}
function limitOutput(output) {
    const limited = {
        title: (0,_secrets_js__WEBPACK_IMPORTED_MODULE_0__/* .redact */ .E$)(output.title).slice(0, CHECK_RUN_LIMITS.titleChars),
        summary: (0,_util_format_js__WEBPACK_IMPORTED_MODULE_6__/* .clipBytes */ .Wp)((0,_secrets_js__WEBPACK_IMPORTED_MODULE_0__/* .redact */ .E$)(output.summary), CHECK_RUN_LIMITS.outputBytes)
    };
    if (output.text)
        limited.text = (0,_util_format_js__WEBPACK_IMPORTED_MODULE_6__/* .clipBytes */ .Wp)((0,_secrets_js__WEBPACK_IMPORTED_MODULE_0__/* .redact */ .E$)(output.text), CHECK_RUN_LIMITS.outputBytes);
    return limited;
}


/***/ }),

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
