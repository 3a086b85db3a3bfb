export const id = 932;
export const ids = [932,702];
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
/* harmony import */ var _octokit_js__WEBPACK_IMPORTED_MODULE_5__ = __webpack_require__(6702);
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
        this.octokit = (0,_octokit_js__WEBPACK_IMPORTED_MODULE_5__.createOctokit)(target.token, target.apiUrl, () => undefined);
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

/***/ 6702:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   createOctokit: () => (/* binding */ createOctokit)
/* harmony export */ });
/* harmony import */ var _actions_github__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(1758);
/* harmony import */ var _octokit_plugin_retry__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(9735);
/* harmony import */ var _octokit_plugin_throttling__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(6856);
/* harmony import */ var _version_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(311);




/** Retries of rate-limited requests never wait longer than this. */
const MAX_RATE_LIMIT_WAIT_SECONDS = 20;
/**
 * Octokit for the Checks and Issues APIs: retries 5xx (plugin-retry) and waits out rate limits
 * (plugin-throttling). A write that creates something or appends annotations opts out of the
 * retries (`SEND_ONCE` in write-once.ts): a create answered 502 may have been applied.
 */
function createOctokit(token, apiUrl, warn) {
    const onLimit = (kind) => (retryAfter, options, _, retryCount) => {
        if (retryCount >= 2 || retryAfter > MAX_RATE_LIMIT_WAIT_SECONDS)
            return false;
        warn(`GitHub ${kind} hit on ${options.method} ${options.url}; retrying in ${retryAfter}s.`);
        return true;
    };
    return (0,_actions_github__WEBPACK_IMPORTED_MODULE_0__/* .getOctokit */ .Q)(token, {
        baseUrl: apiUrl,
        userAgent: _version_js__WEBPACK_IMPORTED_MODULE_1__/* .USER_AGENT */ ._O,
        retry: { retries: 3 },
        throttle: { onRateLimit: onLimit('rate limit'), onSecondaryRateLimit: onLimit('secondary rate limit') }
    }, _octokit_plugin_retry__WEBPACK_IMPORTED_MODULE_2__/* .retry */ .L, _octokit_plugin_throttling__WEBPACK_IMPORTED_MODULE_3__/* .throttling */ .A);
}


/***/ })

};
