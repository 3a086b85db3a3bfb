export const id = 336;
export const ids = [336];
export const modules = {

/***/ 5336:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  publishToTestify: () => (/* binding */ publishToTestify)
});

// UNUSED EXPORTS: checklistIdFor

// EXTERNAL MODULE: ./src/util/format.ts
var format = __webpack_require__(2693);
// EXTERNAL MODULE: ./src/model.ts
var model = __webpack_require__(182);
// EXTERNAL MODULE: ./src/secrets.ts + 1 modules
var secrets = __webpack_require__(9908);
;// CONCATENATED MODULE: ./src/testify/wire.ts


/** The check types (test case plugins) as the documentation names them. */
const CHECK_TYPES = {
    testify_booleantestcase: 'Logical Check',
    testify_calculation_testcase: 'Calculation Check',
    testify_datetestcase: 'Date Check',
    testify_file_upload_testcase: 'File Upload Check',
    testify_multi_selection_testcase: 'Multi Select Check',
    testify_numerictestcase: 'Numeric Check',
    testify_photo_upload_testcase: 'Photo Upload Check',
    testify_single_choice_testcase: 'Single Choice Check',
    testify_test_object_selection_testcase: 'Test Object Selection Check',
    testify_texttestcase: 'Text Check',
    testify_timetestcase: 'Time Check',
    testify_geopositioncheck: 'Geoposition Check',
    testify_signaturecheck: 'Signature Check'
};
const LOGICAL_CHECK = 'testify_booleantestcase';
const TEXT_CHECK = 'testify_texttestcase';
/** `Logical Check (testify_booleantestcase)`; an unknown name as given. */
function checkTypeName(type) {
    return CHECK_TYPES[type] ? `${CHECK_TYPES[type]} (${type})` : type;
}
// ─── Requests ────────────────────────────────────────────────────────────────────────────────
/**
 * The v2 text writes `/public/testobjects`, the v3 text `/public/testObjects/{externalId}`: send
 * the casing of the chosen version.
 */
function testObjects(apiVersion) {
    return Number.parseFloat(apiVersion) >= 3 ? 'public/testObjects' : 'public/testobjects';
}
/**
 * ASSUMPTION: an external ID goes into the path percent-encoded, so `owner/repo@sha` travels as
 * `owner%2Frepo%40sha` and Testify decodes it back.
 */
const segment = (externalId) => encodeURIComponent(externalId);
/** ASSUMPTION: `checklists` and `checkresult/identifier` are written in lower case in every version. */
const CHECKLISTS = 'public/checklists';
const withVersion = (path, apiVersion) => `${path}?api-version=${encodeURIComponent(apiVersion)}`;
/**
 * The requests the action sends. Reads are safe to repeat; creates are not (see the retry modes
 * of JsonClient). ASSUMPTION: the bodies of the answers to creates are not needed and not read
 * ("payload contains the external ID", in a shape not shown): the action chose the IDs itself.
 */
const testifyRequests = {
    /** ASSUMPTION for v2 (the v3 text shows it): GET `/public/testobjects/{externalId}` reads one test object, 404 when missing. */
    readTestObject: (apiVersion, externalId) => ({
        method: 'GET',
        path: withVersion(`${testObjects(apiVersion)}/${segment(externalId)}`, apiVersion),
        retry: 'idempotent'
    }),
    /** ASSUMPTION: `name` is the test object's display name (only `id`, the chosen external ID, is documented). */
    createTestObject: (apiVersion, externalId) => ({
        method: 'POST',
        path: withVersion(testObjects(apiVersion), apiVersion),
        body: { id: externalId, name: externalId },
        retry: 'create',
        expectJson: false
    }),
    /** ASSUMPTION: answers 404 for an external ID no checklist has; the action asks it "does the checklist exist?". */
    readChecklistResults: (apiVersion, externalId) => ({
        method: 'GET',
        path: withVersion(`${CHECKLISTS}/${segment(externalId)}/results/flat`, apiVersion),
        retry: 'idempotent'
    }),
    /**
     * `id` (the checklist's external ID) and `testObjectId` (the test object's external ID) are
     * documented. ASSUMPTION: the template's external ID goes in `checklistTemplateId`, the name the
     * webhook's `checklistFilter` uses.
     */
    createChecklist: (apiVersion, externalId, testObjectId, templateId) => ({
        method: 'POST',
        path: withVersion(CHECKLISTS, apiVersion),
        body: { id: externalId, testObjectId, checklistTemplateId: templateId },
        retry: 'create',
        expectJson: false
    }),
    /**
     * `checkIdentifier` is documented. ASSUMPTIONS: the checklist is named by its external ID in
     * `checklistId`; the result goes in `value` (a JSON boolean for a Logical Check, a string for a
     * Text Check); a free-text note goes in `comment`; posting a result to a check that already has
     * one replaces it.
     */
    postCheckResult: (apiVersion, checklistId, checkIdentifier, value, comment) => ({
        method: 'POST',
        path: withVersion(`${CHECKLISTS}/checkresult/identifier`, apiVersion),
        body: comment === null ? { checklistId, checkIdentifier, value } : { checklistId, checkIdentifier, value, comment },
        retry: 'create',
        expectJson: false
    })
};
function parseChecklistView(body) {
    return { checks: findChecks(body), url: checklistUrlOf(body) };
}
const isObject = (value) => value !== null && typeof value === 'object' && !Array.isArray(value);
/**
 * The checks are the objects anywhere in the answer that carry a string `checkIdentifier`
 * (documented as readable there, with `checkId`). ASSUMPTION: objects inside a check are not checks
 * of their own, and a second object with the same identifier (and the same or no `checkId`), such
 * as a result naming its check, is the same check.
 */
function findChecks(body) {
    const checks = [];
    // The same check seen twice (by checkId, or by identifier where one mention lacks the checkId) is one check.
    const add = (found) => {
        const same = checks.find((c) => c.identifier === found.identifier && (c.checkId === found.checkId || c.checkId === null || found.checkId === null));
        if (!same)
            checks.push(found);
        else {
            same.checkId ??= found.checkId;
            same.type ??= found.type;
            same.title ??= found.title;
        }
    };
    const visit = (value, depth) => {
        if (depth > 32)
            return;
        if (Array.isArray(value)) {
            for (const item of value)
                visit(item, depth + 1);
            return;
        }
        if (!isObject(value))
            return;
        if (typeof value.checkIdentifier === 'string' && value.checkIdentifier.trim() !== '') {
            add({
                identifier: value.checkIdentifier,
                checkId: typeof value.checkId === 'string' || typeof value.checkId === 'number' ? String(value.checkId) : null,
                type: checkTypeOf(value),
                title: titleOf(value)
            });
            return;
        }
        for (const child of Object.values(value))
            visit(child, depth + 1);
    };
    visit(body, 0);
    return checks;
}
/**
 * ASSUMPTION: a check names its type as the value of one of its properties (any name, possibly in
 * a nested object), written as the documented plugin name; the nearest such property wins.
 */
function checkTypeOf(check) {
    let level = [check];
    for (let depth = 0; depth < 4 && level.length > 0; depth++) {
        const next = [];
        for (const node of level) {
            const values = Array.isArray(node) ? node : isObject(node) ? Object.values(node) : [];
            for (const value of values) {
                if (typeof value === 'string' && CHECK_TYPES[value.trim().toLowerCase()])
                    return value.trim().toLowerCase();
                if (value !== null && typeof value === 'object')
                    next.push(value);
            }
        }
        level = next;
    }
    return null;
}
/** ASSUMPTION: a check's human title, when present, is in `title` or `name`. */
function titleOf(check) {
    for (const key of ['title', 'name'])
        if (typeof check[key] === 'string' && check[key])
            return check[key];
    return null;
}
/**
 * ASSUMPTION: when the answer links the checklist in Testify's web app, it does so in a top-level
 * http(s) string property whose name ends in `url` or `link` (any casing; `webUrl` and `url`
 * first), or in such a property of a top-level `checklist` object. Absent, the summary names the checklist without a link.
 */
function checklistUrlOf(body) {
    if (!isObject(body))
        return null;
    const rank = (key) => ['weburl', 'url', 'link', 'entityurl'].indexOf(key.toLowerCase()) + 1 || 99;
    const links = Object.entries(body)
        .filter(([key, value]) => /(url|link)$/i.test(key) && typeof value === 'string' && /^https?:\/\/\S+$/.test(value))
        .sort((a, b) => rank(a[0]) - rank(b[0]));
    if (links.length > 0)
        return links[0][1];
    return isObject(body.checklist) ? checklistUrlOf(body.checklist) : null;
}
/**
 * Testify's error details from a 4xx JSON body, as one line. The documentation only says "error
 * details are provided in the payload". ASSUMPTION: it is one of the shapes ASP.NET services answer
 * with — a problem details object (`title`, `detail`, `errors: {field: [messages]}`), an
 * API-versioning error (`error: {code, message}`), `message`/`details`/`errors` strings or lists, or
 * a JSON string. A body that is not JSON is not Testify's word and is never quoted (see errors.ts).
 */
function errorDetailsOf(body) {
    const parts = [];
    const add = (value, prefix = '') => {
        if (typeof value === 'string' && value.trim())
            parts.push(prefix + value.trim());
        else if (Array.isArray(value))
            for (const item of value)
                add(item, prefix);
        else if (isObject(value)) {
            const text = value.message ?? value.errorMessage ?? value.description;
            if (typeof text === 'string')
                add(text, prefix + (typeof value.code === 'string' ? `${value.code}: ` : ''));
            else
                for (const [key, inner] of Object.entries(value))
                    add(inner, `${key}: `);
        }
    };
    if (typeof body === 'string' || Array.isArray(body))
        add(body);
    else if (isObject(body)) {
        for (const key of ['title', 'detail', 'message', 'error', 'errors', 'details', 'errorMessage']) {
            // A problem's title is generic ("Bad Request") when a detail or field errors say more.
            if (key === 'title' && (body.detail || isObject(body.errors)))
                continue;
            add(body[key]);
        }
    }
    const unique = [...new Set(parts)];
    return unique.length > 0 ? (0,format/* clip */.$Q)((0,secrets/* redact */.E$)(unique.join('; ')), 500) : null;
}
/**
 * The entities a refusal's details point at, so the message names the input that would fix it.
 * ASSUMPTION: Testify names the entity it could not find or use in its text, in words (`test
 * object`, `checklist template`) or by the request's field (`testObjectId`, `checklistTemplateId`),
 * as the simulator's "No test object has the external ID 'x'." does.
 */
function entitiesNamedIn(details) {
    if (!details)
        return [];
    const patterns = [
        ['test object', /\btest[ _-]?objects?\b|\btestObject(Id|ExternalId)?\b/i],
        ['checklist template', /\btemplates?\b|\bchecklistTemplate(Id)?\b/i]
    ];
    return patterns.filter(([, pattern]) => pattern.test(details)).map(([entity]) => entity);
}
/**
 * ASSUMPTION: a create whose external ID is taken is refused with a 400 (external IDs "must be
 * unique", and a wrong request is a 400 with details) or a 409, so after either the action looks
 * whether the entity exists before reporting the refusal.
 */
function mayMeanAlreadyExists(status) {
    return status === 400 || status === 409;
}
/**
 * The key parts a 401's details point at. ASSUMPTION: when Testify says which part is wrong, its
 * text contains the part's name (`secret`, `subject`, `tenant`); otherwise none is named.
 */
function keyPartsNamedIn(details) {
    if (!details)
        return [];
    return ['secret', 'subject', 'tenant'].filter((part) => new RegExp(`\\b${part}\\b`, 'i').test(details));
}

;// CONCATENATED MODULE: ./src/testify/check-results.ts



/** `{capability}`: the environment without the browser version, which changes from run to run. */
function capabilityName(capability) {
    return ([[capability.os, capability.osVersion].filter(Boolean).join(' '), capability.device, capability.browser].filter(Boolean).join(' · ') ||
        capability.label);
}
/** The identifier of the check a test case result belongs to, from `testify-check-identifier`. */
function checkIdentifierFor(pattern, testCase) {
    return pattern.replace(/\{(scenario-id|scenario-name|capability)\}/g, (_, name) => name === 'scenario-id'
        ? String(testCase.scenarioId)
        : name === 'scenario-name'
            ? testCase.scenarioName
            : capabilityName(testCase.capability));
}
const normalize = (identifier) => identifier.trim().replace(/\s+/g, ' ').toLowerCase();
/**
 * Which check each test case result goes to, and what each check receives. Several results naming
 * one check (one scenario on several browsers, with `{scenario-name}`) become one check result: a
 * check holds one result, and posting them one by one would keep only the last.
 */
function planCheckResults(testCases, checks, pattern) {
    const exact = new Map();
    const loose = new Map();
    for (const check of checks) {
        if (!exact.has(check.identifier))
            exact.set(check.identifier, check);
        if (!loose.has(normalize(check.identifier)))
            loose.set(normalize(check.identifier), check);
    }
    const byCheck = new Map();
    const unmatched = [];
    for (const testCase of testCases) {
        const identifier = checkIdentifierFor(pattern, testCase);
        const check = exact.get(identifier) ?? loose.get(normalize(identifier));
        if (!check)
            unmatched.push({ testCase, identifier });
        else
            byCheck.set(check, [...(byCheck.get(check) ?? []), testCase]);
    }
    const plan = { posts: [], leftOpen: [], unknownType: [], unmatched, checksWithoutResult: [] };
    for (const check of checks) {
        const matched = byCheck.get(check);
        if (!matched) {
            plan.checksWithoutResult.push(check);
            continue;
        }
        const finished = matched.filter((c) => c.status === 'passed' || (0,model/* isFailure */.N6)(c.status));
        const skipped = matched.filter((c) => !finished.includes(c));
        if (finished.length === 0) {
            plan.leftOpen.push({
                check,
                kind: 'not-run',
                reason: `not run (${[...new Set(skipped.map((c) => statusText(c)))].join(', ')})`,
                testCases: matched
            });
        }
        else if (check.type === null) {
            plan.unknownType.push({
                check,
                kind: 'unknown-type',
                reason: 'its check type could not be read from Testify’s answer',
                testCases: matched
            });
        }
        else if (check.type !== LOGICAL_CHECK && check.type !== TEXT_CHECK) {
            plan.leftOpen.push({
                check,
                kind: 'unsupported-type',
                reason: `it is a ${checkTypeName(check.type)}; the action fills Logical and Text checks`,
                testCases: matched
            });
        }
        else {
            const passed = finished.every((c) => c.status === 'passed');
            const lines = [...finished, ...skipped].map(describeTestCase);
            plan.posts.push(check.type === LOGICAL_CHECK
                ? { check, value: passed, comment: lines.join('\n'), testCases: finished, skipped, passed }
                : { check, value: lines.join('\n'), comment: null, testCases: finished, skipped, passed });
        }
    }
    return plan;
}
function statusText(testCase) {
    switch (testCase.status) {
        case 'passed':
            return testCase.flaky ? `Passed on attempt ${testCase.attempts.length} (flaky)` : 'Passed';
        case 'failed':
            return 'Failed';
        case 'internal_error':
            return 'Internal error';
        case 'skipped':
            return 'Skipped';
        case 'canceled':
            return 'Canceled';
        default:
            return 'Unfinished';
    }
}
/** `Failed · Linux · Chrome 136.0 · 3.0s · https://app.autify.com/…`: what Testify shows for one result. */
function describeTestCase(testCase) {
    const review = testCase.reviewNeeded > 0 ? `review needed (${testCase.reviewNeeded})` : null;
    return [
        statusText(testCase),
        testCase.capability.label,
        (0,format/* formatDuration */.a3)(testCase.durationMs),
        review,
        testCase.url ?? testCase.scenarioUrl
    ]
        .filter(Boolean)
        .join(' · ');
}

// EXTERNAL MODULE: ./src/http/json-client.ts
var json_client = __webpack_require__(70);
// EXTERNAL MODULE: ./src/version.ts
var version = __webpack_require__(311);
;// CONCATENATED MODULE: ./src/testify/errors.ts

/** A Testify API failure explained so the user knows what to fix. */
class TestifyError extends Error {
    status;
    ambiguous;
    constructor(message, status, 
    /** The request reached Testify and its effect is unknown (timeout, dropped connection, 5xx). */
    ambiguous = false) {
        super(message);
        this.status = status;
        this.ambiguous = ambiguous;
        this.name = 'TestifyError';
    }
}
/** The input that holds each part of the key. */
const KEY_PART_INPUTS = {
    secret: "'testify-api-key' (the secret)",
    subject: "'testify-subject'",
    tenant: "'testify-tenant'"
};
/** The input that names each entity Testify's refusal may point at. */
const ENTITY_INPUTS = {
    'test object': "'testify-test-object'",
    'checklist template': "'testify-checklist-template'"
};
/** How a body that is not Testify's JSON is described; it is never quoted. */
const BODY_KINDS = {
    empty: 'an empty body',
    html: 'an HTML page',
    xml: 'an XML document',
    text: 'plain text'
};
function factsOf(failure, bodyKind) {
    const details = bodyKind === 'json' ? errorDetailsOf(failure.details.body) : null;
    return {
        where: `${failure.method} ${new URL(failure.url).pathname}`,
        said: details ? ` Testify said: "${details}".` : '',
        details,
        tries: (failure.details.attempts ?? 1) > 1 ? ` (tried ${failure.details.attempts} times)` : '',
        ambiguous: failure.details.mayHaveReachedServer &&
            (failure.kind === 'timeout' ||
                failure.kind === 'network' ||
                failure.kind === 'too-large' ||
                (failure.kind === 'status' && (failure.status ?? 0) >= 500))
    };
}
function explainTestifyFailure(failure, subject, headerNames) {
    const bodyKind = failure.details.bodyKind ?? (failure.details.body === undefined ? 'empty' : 'json');
    const facts = factsOf(failure, bodyKind);
    const { where, tries, ambiguous } = facts;
    // An empty 401, 403 or 404 is how ASP.NET answers by default: Testify's own word, with nothing to quote.
    const spoken = bodyKind === 'json' ||
        failure.status === 401 ||
        failure.status === 429 ||
        (bodyKind === 'empty' && (failure.status === 403 || failure.status === 404));
    if (failure.kind === 'invalid-json' || (failure.kind === 'status' && !spoken)) {
        return notTestifysJson(failure, BODY_KINDS[bodyKind === 'json' ? 'text' : bodyKind], subject, facts);
    }
    switch (failure.kind) {
        case 'status':
            return refusal(failure, subject, headerNames, facts);
        case 'redirect':
            return new TestifyError(`Testify's API ${failure.message} (on ${where}). The action follows no redirect, so the API key never goes elsewhere: set 'testify-api-url' to the API's own address.`, failure.status);
        case 'too-large':
            return new TestifyError(`Testify answered ${where} with ${failure.message}, more than the action reads; cannot ${subject.action}. Check 'testify-api-url'.`, failure.status, ambiguous);
        case 'timeout':
            return new TestifyError(`Testify did not answer in time while trying to ${subject.action}${tries} (${where}: ${failure.message}).`, undefined, ambiguous);
        case 'aborted':
            return new TestifyError(`Cancelled while trying to ${subject.action} in Testify.`);
        default:
            return new TestifyError(`Could not reach Testify to ${subject.action}${tries} (${where}: ${failure.message}). Check the network and 'testify-api-url'.`, undefined, ambiguous);
    }
}
/**
 * An answer that is not Testify's JSON (a proxy's HTML error page, an empty body, text) is
 * summarised by its status and kind, never quoted: it is not Testify's word, and it may hold anything.
 */
function notTestifysJson(failure, kind, subject, facts) {
    const status = failure.status ?? 0;
    const hint = status >= 500
        ? 'A proxy or gateway in front of Testify, or Testify itself, failed; a later run may get through.'
        : `Check ${subject.inputs}, and 'testify-api-url' (a proxy or a wrong URL answers like this).`;
    return new TestifyError(`HTTP ${status} from Testify (${kind}, not Testify's JSON) while trying to ${subject.action}${facts.tries} (${facts.where}). ${hint}`, failure.status, facts.ambiguous);
}
/** The inputs that would fix a refusal: those Testify's own text points at, else the request's. */
function inputsToCheck(subject, details) {
    const named = entitiesNamedIn(details).map((entity) => ENTITY_INPUTS[entity]);
    return named.length > 0 ? named.join(' and ') : subject.inputs;
}
/** An HTTP error status with Testify's own JSON (or no body, for a 401 or a 429). */
function refusal(failure, subject, headerNames, facts) {
    const { where, said, details, tries, ambiguous } = facts;
    switch (failure.status) {
        case 400:
        case 422:
            return new TestifyError(`Testify refused to ${subject.action} (HTTP ${failure.status} on ${where}).${said || ' It gave no details.'} Check ${inputsToCheck(subject, details)}.`, failure.status);
        case 401: {
            const named = keyPartsNamedIn(details).map((part) => KEY_PART_INPUTS[part]);
            const fix = named.length > 0
                ? `Check ${named.join(' and ')}.`
                : "Check that 'testify-api-key' (the secret), 'testify-subject' and 'testify-tenant' all come from the same, current API key (regenerating a key disables the old one).";
            return new TestifyError(`Testify rejected the API key (HTTP 401 on ${where}).${said} ${fix} The key was sent in the headers ${headerNames.join(', ')}; if Testify expects other header names, set 'testify-auth-headers'.`, 401);
        }
        case 403:
            return new TestifyError(`Testify refused to ${subject.action} (HTTP 403 on ${where}): the key is valid but its user lacks the permission for ${subject.resource}. Give the Testify user the API key belongs to (ideally a dedicated interface user) the roles to read and create test objects and checklists and to add check results.${said}`, 403);
        case 404:
            return new TestifyError(`Testify found no ${subject.resource} (HTTP 404 on ${where}). Check ${inputsToCheck(subject, details)}, and 'testify-api-url' and 'testify-api-version'.${said}`, 404);
        case 429:
            return new TestifyError(`Testify's rate limit stopped the request to ${subject.action}${tries} (HTTP 429 on ${where}).${said}`, 429);
        default:
            if ((failure.status ?? 0) >= 500) {
                return new TestifyError(`Testify had a server error while trying to ${subject.action}${tries} (HTTP ${failure.status} on ${where}).${said}`, failure.status, ambiguous);
            }
            return new TestifyError(`Testify refused to ${subject.action} (HTTP ${failure.status} on ${where}).${said}`, failure.status);
    }
}

;// CONCATENATED MODULE: ./src/testify/client.ts




const TESTIFY_REQUEST_TIMEOUT_MS = 30_000;
/** The Testify public API calls the action makes, each failing with a TestifyError a user can act on. */
class TestifyClient {
    json;
    version;
    headerNames;
    constructor(settings, options) {
        this.version = settings.apiVersion;
        this.headerNames = Object.keys(settings.authHeaders);
        this.json = new json_client/* JsonClient */._u({
            baseUrl: settings.apiUrl,
            userAgent: version/* USER_AGENT */._O,
            headers: settings.authHeaders,
            timeoutMs: options.timeoutMs ?? TESTIFY_REQUEST_TIMEOUT_MS,
            clock: options.clock,
            wall: options.wall,
            signal: options.signal,
            onRetry: (failure, delay) => options.onRetry?.(`Testify ${failure.method} ${new URL(failure.url).pathname} failed (${failure.message}); retrying in ${(delay / 1000).toFixed(1)}s.`)
        });
    }
    /** True when the test object exists, false on 404. */
    async testObjectExists(externalId) {
        const body = await this.readOrNull(testifyRequests.readTestObject(this.version, externalId), {
            action: `read test object '${externalId}'`,
            resource: `test object '${externalId}'`,
            inputs: "'testify-test-object'"
        });
        return body !== null;
    }
    async createTestObject(externalId) {
        await this.send(testifyRequests.createTestObject(this.version, externalId), {
            action: `create test object '${externalId}'`,
            resource: `test object '${externalId}'`,
            inputs: "'testify-test-object'"
        });
    }
    /** The checklist's checks and link; null when no checklist has that external ID. */
    async readChecklist(externalId) {
        const body = await this.readOrNull(testifyRequests.readChecklistResults(this.version, externalId), {
            action: `read the checks of checklist '${externalId}'`,
            resource: `checklist '${externalId}'`,
            inputs: "'testify-checklist-template'"
        });
        return body === null ? null : parseChecklistView(body);
    }
    async createChecklist(externalId, testObjectId, templateId) {
        await this.send(testifyRequests.createChecklist(this.version, externalId, testObjectId, templateId), {
            action: `create checklist '${externalId}' from template '${templateId}' on test object '${testObjectId}'`,
            resource: `checklist template '${templateId}' or test object '${testObjectId}'`,
            inputs: "'testify-checklist-template'"
        });
    }
    async postCheckResult(checklistId, checkIdentifier, value, comment) {
        await this.send(testifyRequests.postCheckResult(this.version, checklistId, checkIdentifier, value, comment), {
            action: `add the result of check '${checkIdentifier}' to checklist '${checklistId}'`,
            resource: `check '${checkIdentifier}' in checklist '${checklistId}'`,
            inputs: "the checklist template's checks and 'testify-check-identifier'"
        });
    }
    dispose() {
        this.json.dispose();
    }
    /** A read whose 404 means "does not exist"; any body counts as found. */
    async readOrNull(request, subject) {
        try {
            return (await this.json.request(request)).body ?? {};
        }
        catch (error) {
            if (error instanceof json_client/* HttpFailure */.HR && error.status === 404)
                return null;
            throw this.explain(error, subject);
        }
    }
    async send(request, subject) {
        try {
            await this.json.request(request);
        }
        catch (error) {
            throw this.explain(error, subject);
        }
    }
    explain(error, subject) {
        return error instanceof json_client/* HttpFailure */.HR ? explainTestifyFailure(error, subject, this.headerNames) : error;
    }
}

;// CONCATENATED MODULE: ./src/testify/publication.ts


/** The reason recorded for check results not sent once an error made further requests pointless. */
const NOT_SENT = 'not sent after an earlier error';
function newPublication(template, testObjectId, checklistId) {
    return {
        template,
        testObjectId,
        checklistId,
        testObject: null,
        checklist: null,
        plan: null,
        published: [],
        notPublished: [],
        stoppedBy: null
    };
}
function isComplete(publication) {
    return publication.stoppedBy === null && publication.notPublished.length === 0 && (publication.plan?.unknownType.length ?? 0) === 0;
}
/** The step outputs: each ID only once Testify confirmed that entity. */
function publicationOutputs(publication) {
    const outputs = {};
    if (publication.testObject)
        outputs['testify-test-object-id'] = publication.testObjectId;
    if (publication.checklist)
        outputs['testify-checklist-id'] = publication.checklistId;
    return outputs;
}
const quoted = (items, max = 10) => items
    .slice(0, max)
    .map((item) => `'${item}'`)
    .join(', ') + (items.length > max ? ` and ${items.length - max} more` : '');
/**
 * The one warning about results and checks that did not meet, or null when every result found its
 * check and every check got a result.
 */
function mismatchWarning(publication) {
    const plan = publication.plan;
    if (!plan)
        return null;
    const parts = [];
    if (plan.unmatched.length > 0) {
        const identifiers = [...new Set(plan.unmatched.map((u) => u.identifier))];
        parts.push(`${(0,format/* plural */.LS)(plan.unmatched.length, 'test case result')} found no check (no check has the identifier ${quoted(identifiers)}; see 'testify-check-identifier')`);
    }
    if (plan.checksWithoutResult.length > 0) {
        parts.push(`${(0,format/* plural */.LS)(plan.checksWithoutResult.length, 'check')} got no result (${quoted(plan.checksWithoutResult.map((c) => c.identifier))})`);
    }
    const unfillable = plan.leftOpen.filter((open) => open.kind === 'unsupported-type');
    if (unfillable.length > 0) {
        parts.push(`${(0,format/* plural */.LS)(unfillable.length, 'check')} of a type the action does not fill stayed open (${quoted(unfillable.map((o) => o.check.identifier))})`);
    }
    if (parts.length === 0)
        return null;
    return `Testify checklist '${publication.checklistId}': ${parts.join('; ')}. The job summary lists them.`;
}
/** Why the step fails, saying what reached Testify and what did not; null when everything did. */
function failureMessage(publication) {
    if (isComplete(publication))
        return null;
    const { plan } = publication;
    const sentences = [
        publication.stoppedBy ? `Publishing to Testify failed: ${publication.stoppedBy}` : 'Publishing to Testify was incomplete.'
    ];
    const done = [];
    done.push(publication.testObject
        ? `test object '${publication.testObjectId}' ${publication.testObject.created ? 'was created' : 'already existed'}`
        : `test object '${publication.testObjectId}' was not confirmed`);
    done.push(publication.checklist
        ? `checklist '${publication.checklistId}' ${publication.checklist.created ? `was created from template '${publication.template}'` : 'already existed and was reused'}`
        : `no checklist '${publication.checklistId}' was created`);
    sentences.push(`In Testify: ${done.join('; ')}.`);
    if (!plan) {
        sentences.push('No check result was published.');
    }
    else {
        const total = plan.posts.length;
        const published = publication.published.map((p) => p.check.identifier);
        sentences.push(published.length > 0
            ? `Published ${published.length} of ${(0,format/* plural */.LS)(total, 'check result')}: ${quoted(published)}.`
            : `None of the ${(0,format/* plural */.LS)(total, 'check result')} was published.`);
        if (publication.notPublished.length > 0) {
            const failed = publication.notPublished.filter((n) => n.reason !== NOT_SENT);
            const notSent = publication.notPublished.filter((n) => n.reason === NOT_SENT);
            for (const { post, reason } of failed.slice(0, 5))
                sentences.push(`Not published: '${post.check.identifier}': ${(0,format/* clip */.$Q)((0,secrets/* redact */.E$)(reason), 400)}`);
            if (failed.length > 5)
                sentences.push(`${(0,format/* plural */.LS)(failed.length - 5, 'more check result')} failed likewise.`);
            if (notSent.length > 0) {
                sentences.push(`Not sent after that error: ${quoted(notSent.map((n) => n.post.check.identifier))}.`);
            }
        }
        if (plan.unknownType.length > 0) {
            sentences.push(`Not published, because their check type could not be read from Testify's answer to results/flat: ${quoted(plan.unknownType.map((u) => u.check.identifier))}. docs/testify.md in the action's repository lists how the action reads it.`);
        }
    }
    return sentences.join(' ');
}

// EXTERNAL MODULE: ./src/report/markdown.ts
var markdown = __webpack_require__(4285);
;// CONCATENATED MODULE: ./src/testify/section.ts





/** Items of a list shown before the rest is counted. */
const LIST_LIMIT = 20;
/** Rows of the check table shown before the rest is counted: the section shares the summary's size limit. */
const ROW_LIMIT = 100;
/** `Sign in · Linux · Chrome`. */
const testCaseName = (testCase) => `${(0,format/* shownName */.HD)(testCase.scenarioName)} · ${capabilityName(testCase.capability)}`;
const code = (text) => `\`${text.replace(/`/g, "'").replace(/\r?\n/g, ' ')}\``;
function headline(publication) {
    const count = (0,format/* plural */.LS)(publication.published.length, 'check result');
    if (isComplete(publication))
        return `## 🧾 Testify: ${count} published`;
    return publication.published.length > 0 ? `## ⚠️ Testify: only ${count} published` : '## ⚠️ Testify: nothing published';
}
function facts(publication) {
    const testObject = `**Test object:** ${code(publication.testObjectId)}${publication.testObject ? (publication.testObject.created ? ' (created)' : '') : ' (not confirmed)'}`;
    const checklistName = publication.checklist?.url
        ? (0,markdown/* link */.nf)(publication.checklistId, publication.checklist.url)
        : code(publication.checklistId);
    const checklist = publication.checklist
        ? `**Checklist:** ${checklistName} ${publication.checklist.created ? `(created from template ${code(publication.template)})` : '(reused: this result was published before)'}`
        : `**Checklist:** ${code(publication.checklistId)} (not created; template ${code(publication.template)})`;
    return `${testObject} · ${checklist}`;
}
function resultCell(post) {
    if (typeof post.value === 'boolean')
        return post.value ? '✅ true' : '❌ false';
    return post.passed ? '📝 text (passed)' : '📝 text (failed)';
}
function list(title, items) {
    if (items.length === 0)
        return [];
    const shown = items.slice(0, LIST_LIMIT).map((item) => `- ${item}`);
    if (items.length > LIST_LIMIT)
        shown.push(`- … and ${items.length - LIST_LIMIT} more`);
    return [`**${title}** (${items.length})`, '', ...shown, ''];
}
/** The job summary's Testify section: where the results went, what each check got, and what did not meet. */
function renderTestifySection(publication) {
    const lines = [headline(publication), '', facts(publication), ''];
    const failure = failureMessage(publication);
    if (failure)
        lines.push(`> ${(0,markdown/* escapeMarkdown */.FV)(failure)}`, '');
    const { plan } = publication;
    if (!plan)
        return lines.join('\n');
    const failedIdentifiers = new Set(publication.notPublished.map((n) => n.post.check.identifier));
    const rows = plan.posts.slice(0, ROW_LIMIT).map((post) => {
        const state = failedIdentifiers.has(post.check.identifier) ? '⚠️ not published' : resultCell(post);
        const type = post.check.type ? (CHECK_TYPES[post.check.type] ?? post.check.type) : '';
        const results = [...post.testCases, ...post.skipped]
            .map((c) => {
            const where = c.scenarioName === post.check.identifier ? capabilityName(c.capability) : testCaseName(c);
            return (0,markdown/* link */.nf)(`${(0,markdown/* statusLabel */.Rh)(c.status)} · ${where}`, c.url);
        })
            .join('<br>');
        return `| ${(0,markdown/* escapeMarkdown */.FV)(post.check.identifier)} | ${type} | ${state} | ${results} |`;
    });
    if (rows.length > 0)
        lines.push('| Check | Type | Result | Autify test case results |', '|---|---|---|---|', ...rows, '');
    if (plan.posts.length > ROW_LIMIT)
        lines.push(`_… and ${(0,format/* plural */.LS)(plan.posts.length - ROW_LIMIT, 'more check result')}._`, '');
    lines.push(...list('Left open', [...plan.leftOpen, ...plan.unknownType].map((open) => `${(0,markdown/* escapeMarkdown */.FV)(open.check.identifier)}: ${(0,markdown/* escapeMarkdown */.FV)(open.reason)}`)), ...list('Test case results without a check', plan.unmatched.map((u) => `${(0,markdown/* link */.nf)(testCaseName(u.testCase), u.testCase.url)} → no check ${code(u.identifier)}`)), ...list('Checks without a test case result', plan.checksWithoutResult.map((c) => `${(0,markdown/* escapeMarkdown */.FV)(c.identifier)}${c.type ? ` (${CHECK_TYPES[c.type] ?? c.type})` : ''}`)));
    return lines.join('\n');
}

// EXTERNAL MODULE: ./src/util/error-message.ts
var error_message = __webpack_require__(6568);
;// CONCATENATED MODULE: ./src/testify/publish.ts








/** A create that ended ambiguously is tried at most this often in all, each time after looking. */
const CREATE_ATTEMPTS = 3;
/** The checklist that records one Autify result: the same result always maps to the same checklist. */
function checklistIdFor(resultId) {
    return `autify-${resultId}`;
}
/**
 * Records a finished run in Testify: ensures the test object, instantiates (or reuses) the
 * checklist `autify-<result id>` from the template, and posts one check result per check that
 * test case results name.
 */
async function publishToTestify(settings, report, options) {
    const publication = newPublication(settings.checklistTemplate, settings.testObject, checklistIdFor(report.resultId));
    const client = new TestifyClient(settings, {
        signal: options.signal,
        onRetry: options.info,
        timeoutMs: options.timeoutMs,
        clock: options.clock,
        wall: options.wall
    });
    try {
        await publish(client, settings, report, publication, options.info);
    }
    catch (error) {
        publication.stoppedBy = error instanceof TestifyError ? error.message : `Unexpected error: ${(0,error_message/* errorMessage */.g)(error)}`;
    }
    finally {
        client.dispose();
    }
    const warning = mismatchWarning(publication);
    if (warning)
        options.warn(warning);
    return { section: renderTestifySection(publication), outputs: publicationOutputs(publication), failure: failureMessage(publication) };
}
async function publish(client, settings, report, publication, info) {
    const { testObjectId, checklistId, template } = publication;
    const testObject = await ensure(async () => ((await client.testObjectExists(testObjectId)) ? true : null), () => client.createTestObject(testObjectId), `test object '${testObjectId}'`, info);
    publication.testObject = { created: testObject.created };
    info(testObject.created ? `Testify: created test object '${testObjectId}'.` : `Testify: test object '${testObjectId}' exists.`);
    const checklist = await ensure(() => client.readChecklist(checklistId), () => client.createChecklist(checklistId, testObjectId, template), `checklist '${checklistId}'`, info);
    publication.checklist = { created: checklist.created, url: checklist.value.url };
    info(checklist.created
        ? `Testify: created checklist '${checklistId}' from template '${template}'${checklist.value.url ? `: ${checklist.value.url}` : ''}.`
        : `Testify: checklist '${checklistId}' exists (result ${report.resultId} was published before); filling in its check results again.`);
    const { checks } = checklist.value;
    if (checks.length === 0) {
        throw new TestifyError(`checklist '${checklistId}' has no checks: Testify's answer to results/flat holds no object with a 'checkIdentifier'. Check that template '${template}' has checks with identifiers.`);
    }
    const plan = planCheckResults(report.testCases, checks, settings.checkIdentifier);
    publication.plan = plan;
    await postCheckResults(client, checklistId, plan, publication);
    info(`Testify: published ${publication.published.length} of ${(0,format/* plural */.LS)(plan.posts.length, 'check result')} to checklist '${checklistId}' (${(0,format/* plural */.LS)(report.testCases.length, 'test case result')}).`);
}
/** Posts each planned check result; after a failure that is not about that one result, the rest are not sent. */
async function postCheckResults(client, checklistId, plan, publication) {
    for (const [index, post] of plan.posts.entries()) {
        try {
            await client.postCheckResult(checklistId, post.check.identifier, post.value, post.comment);
            publication.published.push(post);
        }
        catch (error) {
            if (!(error instanceof TestifyError))
                throw error;
            const unclear = error.ambiguous ? ' It may have been recorded anyway; it was not sent again.' : '';
            publication.notPublished.push({ post, reason: error.message + unclear });
            // A 400 is about this one check result; anything else (key, permissions, outage) would fail the rest too.
            if (error.status !== 400 && error.status !== 422) {
                publication.notPublished.push(...plan.posts.slice(index + 1).map((rest) => ({ post: rest, reason: NOT_SENT })));
                break;
            }
        }
    }
}
/**
 * The entity `find` returns, created first when missing. A create is never repeated blindly: after
 * any failure that may mean it exists (an ambiguous answer, or a refusal that may say "already
 * exists"), `find` looks first.
 */
async function ensure(find, create, what, info) {
    const existing = await find();
    if (existing !== null)
        return { value: existing, created: false };
    for (let attempt = 1;; attempt++) {
        try {
            await create();
            break;
        }
        catch (error) {
            if (!(error instanceof TestifyError) || !(error.ambiguous || mayMeanAlreadyExists(error.status)))
                throw error;
            const found = await find();
            if (found !== null) {
                info(`Testify: ${what} exists after all (${error.ambiguous ? 'the create went through' : 'made earlier'}); using it.`);
                return { value: found, created: error.ambiguous };
            }
            if (!error.ambiguous || attempt >= CREATE_ATTEMPTS)
                throw withSlashHint(error, what);
            info(`Testify: creating ${what} ended without a clear answer and it does not exist; trying again.`);
        }
    }
    const created = await find();
    if (created === null) {
        throw withSlashHint(new TestifyError(`Testify accepted the creation of ${what} but does not find it by its external ID afterwards.`), what);
    }
    return { value: created, created: true };
}
/** An external ID with '/' may not survive the URL path of a GET (see wire.ts): say so where it matters. */
function withSlashHint(error, what) {
    if (!what.includes('/'))
        return error;
    return new TestifyError(`${error.message} If ${what} exists but cannot be read back, Testify may not accept a '/' in an external ID in the URL path: set 'testify-test-object' to an ID without '/'.`, error.status, error.ambiguous);
}


/***/ })

};
