export const id = 932;
export const ids = [932,345];
export const modules = {

/***/ 6932:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   BASELINE_TIME_MS: () => (/* binding */ BASELINE_TIME_MS),
/* harmony export */   findBaseline: () => (/* binding */ findBaseline)
/* harmony export */ });
/* unused harmony export BASELINE_COMMITS */
/* harmony import */ var _report_classify_history_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(7591);
/* harmony import */ var _secrets_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(9908);
/* harmony import */ var _util_abort_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(2334);
/* harmony import */ var _util_format_js__WEBPACK_IMPORTED_MODULE_7__ = __webpack_require__(2693);
/* harmony import */ var _util_shape_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(6069);
/* harmony import */ var _api_shapes_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(5146);
/* harmony import */ var _octokit_js__WEBPACK_IMPORTED_MODULE_5__ = __webpack_require__(2345);
/* harmony import */ var _results_marker_js__WEBPACK_IMPORTED_MODULE_8__ = __webpack_require__(5972);
/* harmony import */ var _util_error_message_js__WEBPACK_IMPORTED_MODULE_6__ = __webpack_require__(6568);









/**
 * The failure history's baseline: the runs of this check on the base branch, found on GitHub. Every
 * run the action reports leaves a check run on its commit whose `external_id` is the Autify result
 * ID (and whose summary names its retries, see results-marker.ts). The check runs of the same name
 * made by the same GitHub App on the base commit are the baseline; when there are fewer than
 * HISTORY_RUNS, those on the commits before it on that branch, newest first, at most
 * BASELINE_COMMITS commits in all.
 */
/** Commits looked at: the base commit and the ones before it (one page of the commits list). */
const BASELINE_COMMITS = 10;
/** Predecessors whose check runs are read at the same time. */
const CONCURRENT_COMMITS = 3;
/** Finding the baseline on GitHub gets this long; then the plan's latest runs in Autify are used. */
const BASELINE_TIME_MS = 5000;
/** Conclusions of a run that ended with results to compare with (not cancelled, not timed out). */
const FINISHED = new Set(['success', 'failure', 'neutral']);
/**
 * The base branch's runs of `checkName` by `ownApp`, newest first, at most HISTORY_RUNS; or why
 * there are none (no check run of its own to know the app, no `checks: read`, no run found).
 */
async function findBaseline(target, ownApp, signal = AbortSignal.timeout(BASELINE_TIME_MS)) {
    const app = await (0,_util_abort_js__WEBPACK_IMPORTED_MODULE_2__/* .withinSignal */ .e)(ownApp, signal).catch(() => null);
    if (!app)
        return { missing: 'this run has no check run of its own to tell which GitHub App made the earlier ones' };
    const finder = new BaselineFinder(target, app, signal);
    try {
        return await (0,_util_abort_js__WEBPACK_IMPORTED_MODULE_2__/* .withinSignal */ .e)(finder.find(), signal);
    }
    catch (error) {
        const status = (0,_util_error_message_js__WEBPACK_IMPORTED_MODULE_6__/* .errorStatus */ .P)(error);
        if (status === 403 || status === 404) {
            return { missing: `the token cannot read check runs (HTTP ${status}): the job needs 'permissions: checks: read'` };
        }
        const reason = signal.aborted ? `not found within ${BASELINE_TIME_MS / 1000} s` : (0,_util_format_js__WEBPACK_IMPORTED_MODULE_7__/* .clip */ .$Q)((0,_secrets_js__WEBPACK_IMPORTED_MODULE_1__/* .redact */ .E$)((0,_util_error_message_js__WEBPACK_IMPORTED_MODULE_6__/* .errorMessage */ .g)(error)), 200);
        return { missing: `the base branch's check runs could not be read (${reason})` };
    }
}
class BaselineFinder {
    target;
    app;
    signal;
    octokit;
    constructor(target, app, signal) {
        this.target = target;
        this.app = app;
        this.signal = signal;
        this.octokit = (0,_octokit_js__WEBPACK_IMPORTED_MODULE_5__.createOctokit)(target.token, target.apiUrl, () => undefined, target.clock);
    }
    async find() {
        const { base } = this.target;
        const runs = await this.runsOn(base.sha);
        let looked = 1;
        if (runs.length < _report_classify_history_js__WEBPACK_IMPORTED_MODULE_0__/* .HISTORY_RUNS */ .eZ) {
            // The base commit's own runs are what matter; the ones before it, only when there are too few.
            const earlier = await this.predecessors(base.sha).catch(() => []);
            for (let i = 0; i < earlier.length && runs.length < _report_classify_history_js__WEBPACK_IMPORTED_MODULE_0__/* .HISTORY_RUNS */ .eZ; i += CONCURRENT_COMMITS) {
                const batch = earlier.slice(i, i + CONCURRENT_COMMITS);
                looked += batch.length;
                const found = await Promise.all(batch.map((sha) => this.runsOn(sha).catch(() => [])));
                runs.push(...found.flat());
            }
        }
        if (runs.length === 0) {
            return {
                missing: `no completed '${this.target.checkName}' check run on ${base.ref ?? 'the base branch'} at ${base.sha.slice(0, 7)} or the ${looked - 1} commits before it`
            };
        }
        return { ref: base.ref, sha: base.sha, runs: runs.slice(0, _report_classify_history_js__WEBPACK_IMPORTED_MODULE_0__/* .HISTORY_RUNS */ .eZ) };
    }
    /** This check's finished runs on `sha` by the same app, newest first. */
    async runsOn(sha) {
        const { owner, repo, checkName } = this.target;
        const { data } = await this.octokit.rest.checks.listForRef({
            owner,
            repo,
            ref: sha,
            check_name: checkName,
            app_id: this.app.id,
            filter: 'all',
            per_page: 100,
            request: { signal: this.signal }
        });
        const runs = [];
        for (const run of (0,_util_shape_js__WEBPACK_IMPORTED_MODULE_3__/* .parseShape */ .Tr)(_api_shapes_js__WEBPACK_IMPORTED_MODULE_4__/* .checkRunListShape */ .Dh, data).check_runs) {
            // Never another app's check run that happens to share the name.
            if (run.app?.id !== this.app.id || run.status !== 'completed' || !FINISHED.has(run.conclusion ?? ''))
                continue;
            const resultIds = (0,_results_marker_js__WEBPACK_IMPORTED_MODULE_8__/* .resultsOfCheckRun */ .h)(run.external_id, run.output?.summary);
            if (resultIds)
                runs.push({ id: run.id, resultIds });
        }
        return runs.sort((a, b) => b.id - a.id).map(({ resultIds }) => ({ sha, resultIds }));
    }
    /** The commits before `sha` on its branch, newest first, within BASELINE_COMMITS. */
    async predecessors(sha) {
        const { owner, repo } = this.target;
        const { data } = await this.octokit.rest.repos.listCommits({
            owner,
            repo,
            sha,
            per_page: BASELINE_COMMITS,
            request: { signal: this.signal }
        });
        const commits = (0,_util_shape_js__WEBPACK_IMPORTED_MODULE_3__/* .parseShape */ .Tr)(_api_shapes_js__WEBPACK_IMPORTED_MODULE_4__/* .commitListShape */ .fP, data).map((c) => c.sha);
        return commits.filter((c) => c !== sha && /^[0-9a-f]{40}$/.test(c)).slice(0, BASELINE_COMMITS - 1);
    }
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
