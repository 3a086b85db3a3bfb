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
/* harmony import */ var _secrets_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(9908);
/* harmony import */ var _util_format_js__WEBPACK_IMPORTED_MODULE_6__ = __webpack_require__(2693);
/* harmony import */ var _util_shape_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(6069);
/* harmony import */ var _api_shapes_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(5146);
/* harmony import */ var _octokit_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(6702);
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
        const octokit = (0,_octokit_js__WEBPACK_IMPORTED_MODULE_3__.createOctokit)(target.token, target.apiUrl, warn);
        const { owner, repo } = target;
        try {
            const send = async () => {
                const { data } = await octokit.rest.checks.create({
                    owner,
                    repo,
                    name: target.name,
                    head_sha: target.sha,
                    status: 'in_progress',
                    started_at: new Date().toISOString(),
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
        await this.patch({ status: 'completed', conclusion, completed_at: new Date().toISOString() }, limited, batches[0] ?? [], signal);
        for (const batch of batches.slice(1))
            await this.patch({}, limited, batch, signal);
    }
    /**
     * One update. Fields and output alone are safe to repeat (Octokit retries them); annotations are
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
