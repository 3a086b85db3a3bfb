export const id = 842;
export const ids = [842];
export const modules = {

/***/ 3842:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  CheckRun: () => (/* binding */ CheckRun),
  CheckRunPermissionError: () => (/* binding */ CheckRunPermissionError),
  conclusionOf: () => (/* binding */ conclusionOf)
});

// UNUSED EXPORTS: CHECK_RUN_LIMITS, GITHUB_REQUEST_TIMEOUT_MS, chunk

// EXTERNAL MODULE: ./src/report/verdict.ts
var verdict = __webpack_require__(687);
// EXTERNAL MODULE: ./src/log.ts
var log = __webpack_require__(5625);
// EXTERNAL MODULE: ./src/util/format.ts
var format = __webpack_require__(2693);
// EXTERNAL MODULE: ./src/util/shape.ts
var shape = __webpack_require__(6069);
// EXTERNAL MODULE: ./node_modules/@actions/github/lib/github.js + 21 modules
var github = __webpack_require__(1758);
// EXTERNAL MODULE: ./node_modules/@octokit/plugin-retry/dist-bundle/index.js
var dist_bundle = __webpack_require__(9735);
// EXTERNAL MODULE: ./node_modules/@octokit/plugin-throttling/dist-bundle/index.js
var plugin_throttling_dist_bundle = __webpack_require__(6856);
// EXTERNAL MODULE: ./src/version.ts
var version = __webpack_require__(311);
;// CONCATENATED MODULE: ./src/github/octokit.ts




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
    return (0,github/* getOctokit */.Q)(token, {
        baseUrl: apiUrl,
        userAgent: version/* USER_AGENT */._O,
        retry: { retries: 3 },
        throttle: { onRateLimit: onLimit('rate limit'), onSecondaryRateLimit: onLimit('secondary rate limit') }
    }, dist_bundle/* retry */.L, plugin_throttling_dist_bundle/* throttling */.A);
}

;// CONCATENATED MODULE: ./src/github/check-run.ts





/** Each Checks API call, retries included, gives up after this long: a hung API must not hang the step. */
const GITHUB_REQUEST_TIMEOUT_MS = 30_000;
/** The call's time limit, cut shorter by `signal` (a cancelled job) when given. */
function timeLimit(signal) {
    const timeout = AbortSignal.timeout(GITHUB_REQUEST_TIMEOUT_MS);
    return { signal: signal ? AbortSignal.any([signal, timeout]) : timeout };
}
/** What the action reads of GitHub's answer to creating a check run. */
const createdShape = (0,shape/* object */.Ik)({ id: shape/* integer */.nd, html_url: (0,shape/* nullable */.me)(shape/* string */.Yj) });
/** Checks API limits. */
const CHECK_RUN_LIMITS = { annotationsPerRequest: 50, outputBytes: 65_535, titleChars: 255 };
/**
 * A failing step must not leave a passing required check, so only a pass is `success`; failures
 * that `fail-on: new` lets pass (all known from earlier runs) are `neutral`.
 */
function conclusionOf(report) {
    const { outcome } = report;
    if (outcome === 'passed')
        return 'success';
    if (outcome === 'failed' && (0,verdict/* verdictOf */.V)(report) === null)
        return 'neutral';
    if (outcome === 'cancelled')
        return 'cancelled';
    if (outcome === 'timed-out')
        return 'timed_out';
    return 'failure';
}
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
        const octokit = createOctokit(target.token, target.apiUrl, warn);
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
            const created = (0,shape/* parseShape */.Tr)(createdShape, data);
            return new CheckRun(octokit, target, created.id, created.html_url && /^https:\/\//.test(created.html_url) ? (0,log/* redact */.E$)(created.html_url) : '');
        }
        catch (error) {
            const status = error.status;
            if (status === 403 || status === 404) {
                throw new CheckRunPermissionError(status, (0,log/* redact */.E$)(error.message));
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
        title: (0,log/* redact */.E$)(output.title).slice(0, CHECK_RUN_LIMITS.titleChars),
        summary: (0,format/* clipBytes */.Wp)((0,log/* redact */.E$)(output.summary), CHECK_RUN_LIMITS.outputBytes)
    };
    if (output.text)
        limited.text = (0,format/* clipBytes */.Wp)((0,log/* redact */.E$)(output.text), CHECK_RUN_LIMITS.outputBytes);
    return limited;
}


/***/ })

};
