export const id = 867;
export const ids = [867,702];
export const modules = {

/***/ 5867:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   CheckRun: () => (/* binding */ CheckRun),
/* harmony export */   CheckRunPermissionError: () => (/* binding */ CheckRunPermissionError)
/* harmony export */ });
/* unused harmony exports GITHUB_REQUEST_TIMEOUT_MS, CHECK_RUN_LIMITS, chunk */
/* harmony import */ var _secrets_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(7194);
/* harmony import */ var _util_format_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(2693);
/* harmony import */ var _util_shape_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(6069);
/* harmony import */ var _octokit_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(6702);




/** Each Checks API call, retries included, gives up after this long: a hung API must not hang the step. */
const GITHUB_REQUEST_TIMEOUT_MS = 30_000;
/** The call's time limit, cut shorter by `signal` (a cancelled job) when given. */
function timeLimit(signal) {
    const timeout = AbortSignal.timeout(GITHUB_REQUEST_TIMEOUT_MS);
    return { signal: signal ? AbortSignal.any([signal, timeout]) : timeout };
}
/** What the action reads of GitHub's answer to creating a check run. */
const createdShape = (0,_util_shape_js__WEBPACK_IMPORTED_MODULE_1__/* .object */ .Ik)({ id: _util_shape_js__WEBPACK_IMPORTED_MODULE_1__/* .integer */ .nd, html_url: (0,_util_shape_js__WEBPACK_IMPORTED_MODULE_1__/* .nullable */ .me)(_util_shape_js__WEBPACK_IMPORTED_MODULE_1__/* .string */ .Yj) });
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
    constructor(octokit, target, id, url) {
        this.octokit = octokit;
        this.target = target;
        this.id = id;
        this.url = url;
    }
    static async create(target, output, warn) {
        const octokit = (0,_octokit_js__WEBPACK_IMPORTED_MODULE_2__.createOctokit)(target.token, target.apiUrl, warn);
        try {
            const { data } = await octokit.rest.checks.create({
                owner: target.owner,
                repo: target.repo,
                name: target.name,
                head_sha: target.sha,
                status: 'in_progress',
                started_at: new Date().toISOString(),
                details_url: target.detailsUrl,
                external_id: target.externalId,
                output: limitOutput(output),
                request: timeLimit()
            });
            const created = (0,_util_shape_js__WEBPACK_IMPORTED_MODULE_1__/* .parseShape */ .Tr)(createdShape, data);
            return new CheckRun(octokit, target, created.id, created.html_url && /^https:\/\//.test(created.html_url) ? (0,_secrets_js__WEBPACK_IMPORTED_MODULE_0__/* .redact */ .E$)(created.html_url) : '');
        }
        catch (error) {
            const status = error.status;
            if (status === 403 || status === 404) {
                throw new CheckRunPermissionError(status, (0,_secrets_js__WEBPACK_IMPORTED_MODULE_0__/* .redact */ .E$)(error.message));
            }
            throw error;
        }
    }
    /** Replaces the output while in progress; `annotations` (at most 50) are appended. */
    async update(output, annotations = [], signal) {
        await this.patch({ output: { ...limitOutput(output), annotations: [...annotations] } }, signal);
    }
    /** Completes the check run; annotations go 50 per request, the first batch with the conclusion. */
    async complete(conclusion, output, annotations, signal) {
        const limited = limitOutput(output);
        const batches = chunk(annotations, CHECK_RUN_LIMITS.annotationsPerRequest);
        await this.patch({ status: 'completed', conclusion, completed_at: new Date().toISOString(), output: { ...limited, annotations: batches[0] ?? [] } }, signal);
        for (const batch of batches.slice(1))
            await this.patch({ output: { ...limited, annotations: batch } }, signal);
    }
    async patch(fields, signal) {
        await this.octokit.rest.checks.update({
            owner: this.target.owner,
            repo: this.target.repo,
            check_run_id: this.id,
            ...fields,
            request: timeLimit(signal)
        });
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
        summary: (0,_util_format_js__WEBPACK_IMPORTED_MODULE_3__/* .clipBytes */ .Wp)((0,_secrets_js__WEBPACK_IMPORTED_MODULE_0__/* .redact */ .E$)(output.summary), CHECK_RUN_LIMITS.outputBytes)
    };
    if (output.text)
        limited.text = (0,_util_format_js__WEBPACK_IMPORTED_MODULE_3__/* .clipBytes */ .Wp)((0,_secrets_js__WEBPACK_IMPORTED_MODULE_0__/* .redact */ .E$)(output.text), CHECK_RUN_LIMITS.outputBytes);
    return limited;
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
/** Octokit for the Checks API: retries 5xx (plugin-retry) and waits out rate limits (plugin-throttling). */
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
