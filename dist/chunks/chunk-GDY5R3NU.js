import { createRequire as __ghmlCreateRequire } from 'node:module'; const require = __ghmlCreateRequire(import.meta.url);
import {
  Octokit,
  RequestError,
  Webhooks,
  checkToken,
  createAppAuth,
  createOAuthAppAuth,
  createOAuthUserAuth,
  createUnauthenticatedAuth,
  deleteAuthorization,
  deleteToken,
  getUserAgent,
  getWebFlowAuthorizationUrl,
  paginateRest,
  refreshToken,
  resetToken,
  restEndpointMethods,
  retry,
  scopeToken,
  throttling
} from "./chunk-LXMZJXHC.js";
import {
  ColumnType,
  external_exports,
  parseDocumentText
} from "./chunk-FKGEWHBH.js";
import {
  sha256Hex
} from "./chunk-BRFMT775.js";
import {
  ConfigurationError,
  DataError
} from "./chunk-L374PU5G.js";

// node_modules/@octokit/plugin-paginate-graphql/dist-bundle/index.js
var generateMessage = (path, cursorValue) => `The cursor at "${path.join(
  ","
)}" did not change its value "${cursorValue}" after a page transition. Please make sure your that your query is set up correctly.`;
var MissingCursorChange = class extends Error {
  constructor(pageInfo, cursorValue) {
    super(generateMessage(pageInfo.pathInQuery, cursorValue));
    this.pageInfo = pageInfo;
    this.cursorValue = cursorValue;
    if (Error.captureStackTrace) {
      Error.captureStackTrace(this, this.constructor);
    }
  }
  name = "MissingCursorChangeError";
};
var MissingPageInfo = class extends Error {
  constructor(response) {
    super(
      `No pageInfo property found in response. Please make sure to specify the pageInfo in your query. Response-Data: ${JSON.stringify(
        response,
        null,
        2
      )}`
    );
    this.response = response;
    if (Error.captureStackTrace) {
      Error.captureStackTrace(this, this.constructor);
    }
  }
  name = "MissingPageInfo";
};
var isObject = (value) => Object.prototype.toString.call(value) === "[object Object]";
function findPaginatedResourcePath(responseData) {
  const paginatedResourcePath = deepFindPathToProperty(
    responseData,
    "pageInfo"
  );
  if (paginatedResourcePath.length === 0) {
    throw new MissingPageInfo(responseData);
  }
  return paginatedResourcePath;
}
var deepFindPathToProperty = (object, searchProp, path = []) => {
  for (const key of Object.keys(object)) {
    const currentPath = [...path, key];
    const currentValue = object[key];
    if (isObject(currentValue)) {
      if (currentValue.hasOwnProperty(searchProp)) {
        return currentPath;
      }
      const result = deepFindPathToProperty(
        currentValue,
        searchProp,
        currentPath
      );
      if (result.length > 0) {
        return result;
      }
    }
  }
  return [];
};
var get = (object, path) => {
  return path.reduce((current, nextProperty) => current[nextProperty], object);
};
var set = (object, path, mutator) => {
  const lastProperty = path[path.length - 1];
  const parentPath = [...path].slice(0, -1);
  const parent = get(object, parentPath);
  if (typeof mutator === "function") {
    parent[lastProperty] = mutator(parent[lastProperty]);
  } else {
    parent[lastProperty] = mutator;
  }
};
var extractPageInfos = (responseData) => {
  const pageInfoPath = findPaginatedResourcePath(responseData);
  return {
    pathInQuery: pageInfoPath,
    pageInfo: get(responseData, [...pageInfoPath, "pageInfo"])
  };
};
var isForwardSearch = (givenPageInfo) => {
  return givenPageInfo.hasOwnProperty("hasNextPage");
};
var getCursorFrom = (pageInfo) => isForwardSearch(pageInfo) ? pageInfo.endCursor : pageInfo.startCursor;
var hasAnotherPage = (pageInfo) => isForwardSearch(pageInfo) ? pageInfo.hasNextPage : pageInfo.hasPreviousPage;
var createIterator = (octokit) => {
  return (query, initialParameters = {}) => {
    let nextPageExists = true;
    let parameters = { ...initialParameters };
    return {
      [Symbol.asyncIterator]: () => ({
        async next() {
          if (!nextPageExists) return { done: true, value: {} };
          const response = await octokit.graphql(
            query,
            parameters
          );
          const pageInfoContext = extractPageInfos(response);
          const nextCursorValue = getCursorFrom(pageInfoContext.pageInfo);
          nextPageExists = hasAnotherPage(pageInfoContext.pageInfo);
          if (nextPageExists && nextCursorValue === parameters.cursor) {
            throw new MissingCursorChange(pageInfoContext, nextCursorValue);
          }
          parameters = {
            ...parameters,
            cursor: nextCursorValue
          };
          return { done: false, value: response };
        }
      })
    };
  };
};
var mergeResponses = (response1, response2) => {
  if (Object.keys(response1).length === 0) {
    return Object.assign(response1, response2);
  }
  const path = findPaginatedResourcePath(response1);
  const nodesPath = [...path, "nodes"];
  const newNodes = get(response2, nodesPath);
  if (newNodes) {
    set(response1, nodesPath, (values) => {
      return [...values, ...newNodes];
    });
  }
  const edgesPath = [...path, "edges"];
  const newEdges = get(response2, edgesPath);
  if (newEdges) {
    set(response1, edgesPath, (values) => {
      return [...values, ...newEdges];
    });
  }
  const pageInfoPath = [...path, "pageInfo"];
  set(response1, pageInfoPath, get(response2, pageInfoPath));
  return response1;
};
var createPaginate = (octokit) => {
  const iterator2 = createIterator(octokit);
  return async (query, initialParameters = {}) => {
    let mergedResponse = {};
    for await (const response of iterator2(
      query,
      initialParameters
    )) {
      mergedResponse = mergeResponses(mergedResponse, response);
    }
    return mergedResponse;
  };
};
function paginateGraphQL(octokit) {
  return {
    graphql: Object.assign(octokit.graphql, {
      paginate: Object.assign(createPaginate(octokit), {
        iterator: createIterator(octokit)
      })
    })
  };
}

// node_modules/@octokit/oauth-app/dist-node/index.js
var VERSION = "8.0.4";
function addEventHandler(state, eventName, eventHandler) {
  if (Array.isArray(eventName)) {
    for (const singleEventName of eventName) {
      addEventHandler(state, singleEventName, eventHandler);
    }
    return;
  }
  if (!state.eventHandlers[eventName]) {
    state.eventHandlers[eventName] = [];
  }
  state.eventHandlers[eventName].push(eventHandler);
}
var OAuthAppOctokit = Octokit.defaults({
  userAgent: `octokit-oauth-app.js/${VERSION} ${getUserAgent()}`
});
async function emitEvent(state, context) {
  const { name, action } = context;
  if (state.eventHandlers[`${name}.${action}`]) {
    for (const eventHandler of state.eventHandlers[`${name}.${action}`]) {
      await eventHandler(context);
    }
  }
  if (state.eventHandlers[name]) {
    for (const eventHandler of state.eventHandlers[name]) {
      await eventHandler(context);
    }
  }
}
async function getUserOctokitWithState(state, options) {
  return state.octokit.auth({
    type: "oauth-user",
    ...options,
    async factory(options2) {
      const octokit = new state.Octokit({
        authStrategy: createOAuthUserAuth,
        auth: options2
      });
      const authentication = await octokit.auth({
        type: "get"
      });
      await emitEvent(state, {
        name: "token",
        action: "created",
        token: authentication.token,
        scopes: authentication.scopes,
        authentication,
        octokit
      });
      return octokit;
    }
  });
}
function getWebFlowAuthorizationUrlWithState(state, options) {
  const optionsWithDefaults = {
    clientId: state.clientId,
    request: state.octokit.request,
    ...options,
    allowSignup: state.allowSignup ?? options.allowSignup,
    redirectUrl: options.redirectUrl ?? state.redirectUrl,
    scopes: options.scopes ?? state.defaultScopes
  };
  return getWebFlowAuthorizationUrl({
    clientType: state.clientType,
    ...optionsWithDefaults
  });
}
async function createTokenWithState(state, options) {
  const authentication = await state.octokit.auth({
    type: "oauth-user",
    ...options
  });
  await emitEvent(state, {
    name: "token",
    action: "created",
    token: authentication.token,
    scopes: authentication.scopes,
    authentication,
    octokit: new state.Octokit({
      authStrategy: createOAuthUserAuth,
      auth: {
        clientType: state.clientType,
        clientId: state.clientId,
        clientSecret: state.clientSecret,
        token: authentication.token,
        scopes: authentication.scopes,
        refreshToken: authentication.refreshToken,
        expiresAt: authentication.expiresAt,
        refreshTokenExpiresAt: authentication.refreshTokenExpiresAt
      }
    })
  });
  return { authentication };
}
async function checkTokenWithState(state, options) {
  const result = await checkToken({
    // @ts-expect-error not worth the extra code to appease TS
    clientType: state.clientType,
    clientId: state.clientId,
    clientSecret: state.clientSecret,
    request: state.octokit.request,
    ...options
  });
  Object.assign(result.authentication, { type: "token", tokenType: "oauth" });
  return result;
}
async function resetTokenWithState(state, options) {
  const optionsWithDefaults = {
    clientId: state.clientId,
    clientSecret: state.clientSecret,
    request: state.octokit.request,
    ...options
  };
  if (state.clientType === "oauth-app") {
    const response2 = await resetToken({
      clientType: "oauth-app",
      ...optionsWithDefaults
    });
    const authentication2 = Object.assign(response2.authentication, {
      type: "token",
      tokenType: "oauth"
    });
    await emitEvent(state, {
      name: "token",
      action: "reset",
      token: response2.authentication.token,
      scopes: response2.authentication.scopes || void 0,
      authentication: authentication2,
      octokit: new state.Octokit({
        authStrategy: createOAuthUserAuth,
        auth: {
          clientType: state.clientType,
          clientId: state.clientId,
          clientSecret: state.clientSecret,
          token: response2.authentication.token,
          scopes: response2.authentication.scopes
        }
      })
    });
    return { ...response2, authentication: authentication2 };
  }
  const response = await resetToken({
    clientType: "github-app",
    ...optionsWithDefaults
  });
  const authentication = Object.assign(response.authentication, {
    type: "token",
    tokenType: "oauth"
  });
  await emitEvent(state, {
    name: "token",
    action: "reset",
    token: response.authentication.token,
    authentication,
    octokit: new state.Octokit({
      authStrategy: createOAuthUserAuth,
      auth: {
        clientType: state.clientType,
        clientId: state.clientId,
        clientSecret: state.clientSecret,
        token: response.authentication.token
      }
    })
  });
  return { ...response, authentication };
}
async function refreshTokenWithState(state, options) {
  if (state.clientType === "oauth-app") {
    throw new Error(
      "[@octokit/oauth-app] app.refreshToken() is not supported for OAuth Apps"
    );
  }
  const response = await refreshToken({
    clientType: "github-app",
    clientId: state.clientId,
    clientSecret: state.clientSecret,
    request: state.octokit.request,
    refreshToken: options.refreshToken
  });
  const authentication = Object.assign(response.authentication, {
    type: "token",
    tokenType: "oauth"
  });
  await emitEvent(state, {
    name: "token",
    action: "refreshed",
    token: response.authentication.token,
    authentication,
    octokit: new state.Octokit({
      authStrategy: createOAuthUserAuth,
      auth: {
        clientType: state.clientType,
        clientId: state.clientId,
        clientSecret: state.clientSecret,
        token: response.authentication.token
      }
    })
  });
  return { ...response, authentication };
}
async function scopeTokenWithState(state, options) {
  if (state.clientType === "oauth-app") {
    throw new Error(
      "[@octokit/oauth-app] app.scopeToken() is not supported for OAuth Apps"
    );
  }
  const response = await scopeToken({
    clientType: "github-app",
    clientId: state.clientId,
    clientSecret: state.clientSecret,
    request: state.octokit.request,
    ...options
  });
  const authentication = Object.assign(response.authentication, {
    type: "token",
    tokenType: "oauth"
  });
  await emitEvent(state, {
    name: "token",
    action: "scoped",
    token: response.authentication.token,
    authentication,
    octokit: new state.Octokit({
      authStrategy: createOAuthUserAuth,
      auth: {
        clientType: state.clientType,
        clientId: state.clientId,
        clientSecret: state.clientSecret,
        token: response.authentication.token
      }
    })
  });
  return { ...response, authentication };
}
async function deleteTokenWithState(state, options) {
  const optionsWithDefaults = {
    clientId: state.clientId,
    clientSecret: state.clientSecret,
    request: state.octokit.request,
    ...options
  };
  const response = state.clientType === "oauth-app" ? await deleteToken({
    clientType: "oauth-app",
    ...optionsWithDefaults
  }) : (
    /* v8 ignore next 4 */
    await deleteToken({
      clientType: "github-app",
      ...optionsWithDefaults
    })
  );
  await emitEvent(state, {
    name: "token",
    action: "deleted",
    token: options.token,
    octokit: new state.Octokit({
      authStrategy: createUnauthenticatedAuth,
      auth: {
        reason: `Handling "token.deleted" event. The access for the token has been revoked.`
      }
    })
  });
  return response;
}
async function deleteAuthorizationWithState(state, options) {
  const optionsWithDefaults = {
    clientId: state.clientId,
    clientSecret: state.clientSecret,
    request: state.octokit.request,
    ...options
  };
  const response = state.clientType === "oauth-app" ? await deleteAuthorization({
    clientType: "oauth-app",
    ...optionsWithDefaults
  }) : (
    /* v8 ignore next 4 */
    await deleteAuthorization({
      clientType: "github-app",
      ...optionsWithDefaults
    })
  );
  await emitEvent(state, {
    name: "token",
    action: "deleted",
    token: options.token,
    octokit: new state.Octokit({
      authStrategy: createUnauthenticatedAuth,
      auth: {
        reason: `Handling "token.deleted" event. The access for the token has been revoked.`
      }
    })
  });
  await emitEvent(state, {
    name: "authorization",
    action: "deleted",
    token: options.token,
    octokit: new state.Octokit({
      authStrategy: createUnauthenticatedAuth,
      auth: {
        reason: `Handling "authorization.deleted" event. The access for the app has been revoked.`
      }
    })
  });
  return response;
}
var OAuthApp = class {
  static VERSION = VERSION;
  static defaults(defaults) {
    const OAuthAppWithDefaults = class extends this {
      constructor(...args) {
        super({
          ...defaults,
          ...args[0]
        });
      }
    };
    return OAuthAppWithDefaults;
  }
  constructor(options) {
    const Octokit22 = options.Octokit || OAuthAppOctokit;
    this.type = options.clientType || "oauth-app";
    const octokit = new Octokit22({
      authStrategy: createOAuthAppAuth,
      auth: {
        clientType: this.type,
        clientId: options.clientId,
        clientSecret: options.clientSecret
      }
    });
    const state = {
      clientType: this.type,
      clientId: options.clientId,
      clientSecret: options.clientSecret,
      // @ts-expect-error defaultScopes not permitted for GitHub Apps
      defaultScopes: options.defaultScopes || [],
      allowSignup: options.allowSignup,
      baseUrl: options.baseUrl,
      redirectUrl: options.redirectUrl,
      log: options.log,
      Octokit: Octokit22,
      octokit,
      eventHandlers: {}
    };
    this.on = addEventHandler.bind(null, state);
    this.octokit = octokit;
    this.getUserOctokit = getUserOctokitWithState.bind(
      null,
      state
    );
    this.getWebFlowAuthorizationUrl = getWebFlowAuthorizationUrlWithState.bind(
      null,
      state
    );
    this.createToken = createTokenWithState.bind(
      null,
      state
    );
    this.checkToken = checkTokenWithState.bind(
      null,
      state
    );
    this.resetToken = resetTokenWithState.bind(
      null,
      state
    );
    this.refreshToken = refreshTokenWithState.bind(
      null,
      state
    );
    this.scopeToken = scopeTokenWithState.bind(
      null,
      state
    );
    this.deleteToken = deleteTokenWithState.bind(null, state);
    this.deleteAuthorization = deleteAuthorizationWithState.bind(null, state);
  }
  // assigned during constructor
  type;
  on;
  octokit;
  getUserOctokit;
  getWebFlowAuthorizationUrl;
  createToken;
  checkToken;
  resetToken;
  refreshToken;
  scopeToken;
  deleteToken;
  deleteAuthorization;
};

// node_modules/@octokit/app/node_modules/@octokit/plugin-paginate-rest/dist-bundle/index.js
var VERSION2 = "0.0.0-development";
function normalizePaginatedListResponse(response) {
  if (!response.data) {
    return {
      ...response,
      data: []
    };
  }
  const responseNeedsNormalization = ("total_count" in response.data || "total_commits" in response.data) && !("url" in response.data);
  if (!responseNeedsNormalization) return response;
  const incompleteResults = response.data.incomplete_results;
  const repositorySelection = response.data.repository_selection;
  const totalCount = response.data.total_count;
  const totalCommits = response.data.total_commits;
  delete response.data.incomplete_results;
  delete response.data.repository_selection;
  delete response.data.total_count;
  delete response.data.total_commits;
  const namespaceKey = Object.keys(response.data)[0];
  const data = response.data[namespaceKey];
  response.data = data;
  if (typeof incompleteResults !== "undefined") {
    response.data.incomplete_results = incompleteResults;
  }
  if (typeof repositorySelection !== "undefined") {
    response.data.repository_selection = repositorySelection;
  }
  response.data.total_count = totalCount;
  response.data.total_commits = totalCommits;
  return response;
}
function iterator(octokit, route, parameters) {
  const options = typeof route === "function" ? route.endpoint(parameters) : octokit.request.endpoint(route, parameters);
  const requestMethod = typeof route === "function" ? route : octokit.request;
  const method = options.method;
  const headers = options.headers;
  let url = options.url;
  return {
    [Symbol.asyncIterator]: () => ({
      async next() {
        if (!url) return { done: true };
        try {
          const response = await requestMethod({ method, url, headers });
          const normalizedResponse = normalizePaginatedListResponse(response);
          url = ((normalizedResponse.headers.link || "").match(
            /<([^<>]+)>;\s*rel="next"/
          ) || [])[1];
          if (!url && "total_commits" in normalizedResponse.data) {
            const parsedUrl = new URL(normalizedResponse.url);
            const params = parsedUrl.searchParams;
            const page = parseInt(params.get("page") || "1", 10);
            const per_page = parseInt(params.get("per_page") || "250", 10);
            if (page * per_page < normalizedResponse.data.total_commits) {
              params.set("page", String(page + 1));
              url = parsedUrl.toString();
            }
          }
          return { value: normalizedResponse };
        } catch (error) {
          if (error.status !== 409) throw error;
          url = "";
          return {
            value: {
              status: 200,
              headers: {},
              data: []
            }
          };
        }
      }
    })
  };
}
function paginate(octokit, route, parameters, mapFn) {
  if (typeof parameters === "function") {
    mapFn = parameters;
    parameters = void 0;
  }
  return gather(
    octokit,
    [],
    iterator(octokit, route, parameters)[Symbol.asyncIterator](),
    mapFn
  );
}
function gather(octokit, results, iterator2, mapFn) {
  return iterator2.next().then((result) => {
    if (result.done) {
      return results;
    }
    let earlyExit = false;
    function done() {
      earlyExit = true;
    }
    results = results.concat(
      mapFn ? mapFn(result.value, done) : result.value.data
    );
    if (earlyExit) {
      return results;
    }
    return gather(octokit, results, iterator2, mapFn);
  });
}
var composePaginateRest = Object.assign(paginate, {
  iterator
});
function paginateRest2(octokit) {
  return {
    paginate: Object.assign(paginate.bind(null, octokit), {
      iterator: iterator.bind(null, octokit)
    })
  };
}
paginateRest2.VERSION = VERSION2;

// node_modules/@octokit/app/dist-node/index.js
var VERSION3 = "16.1.4";
function webhooks(appOctokit, options) {
  return new Webhooks({
    secret: options.secret,
    transform: async (event) => {
      if (!("installation" in event.payload) || typeof event.payload.installation !== "object") {
        const octokit2 = new appOctokit.constructor({
          authStrategy: createUnauthenticatedAuth,
          auth: {
            reason: `"installation" key missing in webhook event payload`
          }
        });
        return {
          ...event,
          octokit: octokit2
        };
      }
      const installationId = event.payload.installation.id;
      const octokit = await appOctokit.auth({
        type: "installation",
        installationId,
        factory(auth) {
          return new auth.octokit.constructor({
            ...auth.octokitOptions,
            authStrategy: createAppAuth,
            ...{
              auth: {
                ...auth,
                installationId
              }
            }
          });
        }
      });
      octokit.hook.before("request", (options2) => {
        options2.headers["x-github-delivery"] = event.id;
      });
      return {
        ...event,
        octokit
      };
    }
  });
}
async function getInstallationOctokit(app, installationId) {
  return app.octokit.auth({
    type: "installation",
    installationId,
    factory(auth) {
      const options = {
        ...auth.octokitOptions,
        authStrategy: createAppAuth,
        ...{ auth: { ...auth, installationId } }
      };
      return new auth.octokit.constructor(options);
    }
  });
}
function eachInstallationFactory(app) {
  return Object.assign(eachInstallation.bind(null, app), {
    iterator: eachInstallationIterator.bind(null, app)
  });
}
async function eachInstallation(app, callback) {
  const i = eachInstallationIterator(app)[Symbol.asyncIterator]();
  let result = await i.next();
  while (!result.done) {
    await callback(result.value);
    result = await i.next();
  }
}
function eachInstallationIterator(app) {
  return {
    async *[Symbol.asyncIterator]() {
      const iterator2 = composePaginateRest.iterator(
        app.octokit,
        "GET /app/installations"
      );
      for await (const { data: installations } of iterator2) {
        for (const installation of installations) {
          const installationOctokit = await getInstallationOctokit(
            app,
            installation.id
          );
          yield { octokit: installationOctokit, installation };
        }
      }
    }
  };
}
function eachRepositoryFactory(app) {
  return Object.assign(eachRepository.bind(null, app), {
    iterator: eachRepositoryIterator.bind(null, app)
  });
}
async function eachRepository(app, queryOrCallback, callback) {
  const i = eachRepositoryIterator(
    app,
    callback ? queryOrCallback : void 0
  )[Symbol.asyncIterator]();
  let result = await i.next();
  while (!result.done) {
    if (callback) {
      await callback(result.value);
    } else {
      await queryOrCallback(result.value);
    }
    result = await i.next();
  }
}
function singleInstallationIterator(app, installationId) {
  return {
    async *[Symbol.asyncIterator]() {
      yield {
        octokit: await app.getInstallationOctokit(installationId)
      };
    }
  };
}
function eachRepositoryIterator(app, query) {
  return {
    async *[Symbol.asyncIterator]() {
      const iterator2 = query ? singleInstallationIterator(app, query.installationId) : app.eachInstallation.iterator();
      for await (const { octokit } of iterator2) {
        const repositoriesIterator = composePaginateRest.iterator(
          octokit,
          "GET /installation/repositories"
        );
        for await (const { data: repositories } of repositoriesIterator) {
          for (const repository of repositories) {
            yield { octokit, repository };
          }
        }
      }
    }
  };
}
function getInstallationUrlFactory(app) {
  let installationUrlBasePromise;
  return async function getInstallationUrl(options = {}) {
    if (!installationUrlBasePromise) {
      installationUrlBasePromise = getInstallationUrlBase(app);
    }
    const installationUrlBase = await installationUrlBasePromise;
    const installationUrl = new URL(installationUrlBase);
    if (options.target_id !== void 0) {
      installationUrl.pathname += "/permissions";
      installationUrl.searchParams.append(
        "target_id",
        options.target_id.toFixed()
      );
    }
    if (options.state !== void 0) {
      installationUrl.searchParams.append("state", options.state);
    }
    return installationUrl.href;
  };
}
async function getInstallationUrlBase(app) {
  const { data: appInfo } = await app.octokit.request("GET /app");
  if (!appInfo) {
    throw new Error("[@octokit/app] unable to fetch metadata for app");
  }
  return `${appInfo.html_url}/installations/new`;
}
var App = class {
  static VERSION = VERSION3;
  static defaults(defaults) {
    const AppWithDefaults = class extends this {
      constructor(...args) {
        super({
          ...defaults,
          ...args[0]
        });
      }
    };
    return AppWithDefaults;
  }
  octokit;
  // @ts-ignore calling app.webhooks will throw a helpful error when options.webhooks is not set
  webhooks;
  // @ts-ignore calling app.oauth will throw a helpful error when options.oauth is not set
  oauth;
  getInstallationOctokit;
  eachInstallation;
  eachRepository;
  getInstallationUrl;
  log;
  constructor(options) {
    const Octokit3 = options.Octokit || Octokit;
    const authOptions = Object.assign(
      {
        appId: options.appId,
        privateKey: options.privateKey
      },
      options.oauth ? {
        clientId: options.oauth.clientId,
        clientSecret: options.oauth.clientSecret
      } : {}
    );
    const octokitOptions = {
      authStrategy: createAppAuth,
      auth: authOptions
    };
    if ("log" in options && typeof options.log !== "undefined") {
      octokitOptions.log = options.log;
    }
    this.octokit = new Octokit3(octokitOptions);
    this.log = Object.assign(
      {
        debug: () => {
        },
        info: () => {
        },
        warn: console.warn.bind(console),
        error: console.error.bind(console)
      },
      options.log
    );
    if (options.webhooks) {
      this.webhooks = webhooks(this.octokit, options.webhooks);
    } else {
      Object.defineProperty(this, "webhooks", {
        get() {
          throw new Error("[@octokit/app] webhooks option not set");
        }
      });
    }
    if (options.oauth) {
      this.oauth = new OAuthApp({
        ...options.oauth,
        clientType: "github-app",
        Octokit: Octokit3
      });
    } else {
      Object.defineProperty(this, "oauth", {
        get() {
          throw new Error(
            "[@octokit/app] oauth.clientId / oauth.clientSecret options are not set"
          );
        }
      });
    }
    this.getInstallationOctokit = getInstallationOctokit.bind(
      null,
      this
    );
    this.eachInstallation = eachInstallationFactory(
      this
    );
    this.eachRepository = eachRepositoryFactory(
      this
    );
    this.getInstallationUrl = getInstallationUrlFactory(this);
  }
};

// node_modules/octokit/dist-bundle/index.js
var VERSION4 = "0.0.0-development";
var Octokit2 = Octokit.plugin(
  restEndpointMethods,
  paginateRest,
  paginateGraphQL,
  retry,
  throttling
).defaults({
  userAgent: `octokit.js/${VERSION4}`,
  throttle: {
    onRateLimit,
    onSecondaryRateLimit
  }
});
function onRateLimit(retryAfter, options, octokit) {
  octokit.log.warn(
    `Request quota exhausted for request ${options.method} ${options.url}`
  );
  if (options.request.retryCount === 0) {
    octokit.log.info(`Retrying after ${retryAfter} seconds!`);
    return true;
  }
}
function onSecondaryRateLimit(retryAfter, options, octokit) {
  octokit.log.warn(
    `SecondaryRateLimit detected for request ${options.method} ${options.url}`
  );
  if (options.request.retryCount === 0) {
    octokit.log.info(`Retrying after ${retryAfter} seconds!`);
    return true;
  }
}
var App2 = App.defaults({ Octokit: Octokit2 });
var OAuthApp2 = OAuthApp.defaults({ Octokit: Octokit2 });

// src/github/client.ts
function createOctokit(target, options = {}) {
  const retries = options.retries ?? 3;
  return new Octokit2({
    auth: target.token,
    baseUrl: target.apiUrl.replace(/\/+$/, ""),
    userAgent: "ghml",
    throttle: { enabled: false },
    retry: retries > 0 ? { enabled: true, retries } : { enabled: false },
    log: { debug: () => void 0, info: () => void 0, warn: () => void 0, error: () => void 0 }
  });
}
function serverUrlForApi(apiUrl) {
  const url = new URL(apiUrl);
  if (url.hostname === "api.github.com") return "https://github.com";
  return `${url.origin}${url.pathname.replace(/\/api\/v3\/?$/, "")}`.replace(/\/+$/, "");
}
function parseRepository(text, input) {
  const match = /^([A-Za-z0-9_.-]+)\/([A-Za-z0-9_.-]+)$/.exec(text.trim());
  if (!match) throw new ConfigurationError(`"${text}" is not a repository: give it as owner/name`, { input });
  return { owner: match[1], repo: match[2] };
}
function targetFromEnvironment(env, flags = {}) {
  const repository = flags.repo ?? env.GITHUB_REPOSITORY;
  if (!repository) throw new ConfigurationError("no repository: pass --repo owner/name (or set GITHUB_REPOSITORY), or --local <path> for a repository on disk", { input: "repo" });
  const { owner, repo } = parseRepository(repository, "repo");
  const token = flags.token ?? env.GITHUB_TOKEN;
  if (!token) throw new ConfigurationError("no token: set GITHUB_TOKEN (in an Action, the github-token input) to a token with access to the repository: contents, releases and pull requests as the command needs", { input: "GITHUB_TOKEN" });
  const apiUrl = flags.apiUrl ?? env.GITHUB_API_URL ?? "https://api.github.com";
  try {
    new URL(apiUrl);
  } catch {
    throw new ConfigurationError(`"${apiUrl}" is not a URL`, { input: "api-url" });
  }
  const serverUrl = flags.apiUrl ? serverUrlForApi(apiUrl) : env.GITHUB_SERVER_URL ?? serverUrlForApi(apiUrl);
  return { owner, repo, apiUrl, serverUrl, token };
}
function statusOf(error) {
  return error instanceof RequestError ? error.status : void 0;
}
async function readRepositoryFile(octokit, repository, path, ref) {
  try {
    const { data } = await octokit.rest.repos.getContent({ ...repository, path, ...ref === void 0 ? {} : { ref }, mediaType: { format: "raw" } });
    return typeof data === "string" ? data : Buffer.from(data).toString("utf8");
  } catch (error) {
    if (statusOf(error) === 404) return void 0;
    throw error;
  }
}
function explainGitHubError(error, target) {
  if (!(error instanceof RequestError)) return error;
  const repository = `${target.owner}/${target.repo}`;
  const rateLimited = error.response?.headers["x-ratelimit-remaining"] === "0" || /rate limit/i.test(error.message);
  if (error.status === 401) return new ConfigurationError(`GitHub refused the token (401 ${error.message}): check GITHUB_TOKEN`, { input: "GITHUB_TOKEN", cause: error });
  if (error.status === 403 && !rateLimited) {
    return new ConfigurationError(`the token may not do this on ${repository} (403 ${error.message}): it needs contents: write and pull-requests: write`, { input: "GITHUB_TOKEN", cause: error });
  }
  if (error.status === 404 && (error.request.method !== "GET" || /\/repos\/[^/]+\/[^/]+$/.test(error.request.url.split("?")[0]))) {
    return new ConfigurationError(`repository ${repository} does not exist, or the token cannot ${error.request.method === "GET" ? "see" : "write to"} it (404 on ${error.request.method} ${new URL(error.request.url).pathname})`, { input: "repo", cause: error });
  }
  return error;
}

// src/contracts/drift.ts
var driftMethods = ["auto", "ks", "chi2", "z", "wasserstein", "wasserstein-normed", "jensenshannon", "psi"];
var DriftMethod = external_exports.enum(driftMethods);
var corrections = ["none", "bonferroni", "benjamini-hochberg"];
var ColumnDriftConfig = external_exports.strictObject({
  method: DriftMethod.optional().describe("Method for this column; auto chooses by type and sample size."),
  threshold: external_exports.number().positive().optional().describe("p-value below which (tests) or distance at or above which (distances) the column drifts.")
});
var DriftConfig = external_exports.strictObject({
  method: DriftMethod.default("auto").describe("Default method for every column."),
  threshold: external_exports.number().positive().optional().describe("Default threshold, overriding each method's own default."),
  "drift-share": external_exports.number().gt(0).max(1).default(0.5).describe("The dataset drifts when at least this share of checked columns drift."),
  "min-rows": external_exports.number().int().positive().default(100).describe("Fewer current (or reference) rows than this give no verdict (enoughData: false)."),
  correction: external_exports.enum(corrections).default("none").describe("Multiple-testing correction of p-values across columns."),
  significance: external_exports.number().gt(0).max(1).default(0.05).describe("A distance (wasserstein, jensenshannon, psi) counts as drift only when the matching test (KS or chi-square) is also below this p-value; 1 turns the guard off."),
  columns: external_exports.record(external_exports.string(), ColumnDriftConfig).default({}).describe("Per-column method and threshold."),
  ignore: external_exports.array(external_exports.string()).default([]).describe("Columns not checked (ids, timestamps).")
}).describe("drift-check configuration.");
var columnStatuses = ["ok", "not-enough-data", "missing-in-reference", "missing-in-current", "all-missing", "type-mismatch", "too-many-categories"];
var ColumnDrift = external_exports.strictObject({
  name: external_exports.string(),
  role: external_exports.enum(["feature", "prediction", "label"]),
  kind: external_exports.enum(["numeric", "categorical", "binary"]),
  method: external_exports.enum(driftMethods.filter((m) => m !== "auto")).nullable(),
  statistic: external_exports.number().nullable().describe("The test statistic or distance; null when the column could not be checked."),
  pValue: external_exports.number().min(0).max(1).nullable().describe("For ks, chi2 and z; after correction when one is configured."),
  significance: external_exports.number().min(0).max(1).nullable().describe("For distances: the p-value of the matching test (KS or chi-square) that must also be below the significance level."),
  threshold: external_exports.number().nullable(),
  drifted: external_exports.boolean(),
  referenceCount: external_exports.number().int().nonnegative().describe("Values present in the reference."),
  currentCount: external_exports.number().int().nonnegative().describe("Values present in the current data."),
  status: external_exports.enum(columnStatuses).describe("ok when a verdict was reached; otherwise why not."),
  message: external_exports.string().nullable(),
  approximate: external_exports.boolean().describe("Computed from sketches (a saved profile) rather than the raw values."),
  distribution: external_exports.strictObject({
    labels: external_exports.array(external_exports.string()),
    reference: external_exports.array(external_exports.number()).describe("Share of reference values per bin or category."),
    current: external_exports.array(external_exports.number())
  }).nullable().describe("Reference and current distributions over common bins, for charts.")
});
var DriftReport = external_exports.strictObject({
  format: external_exports.literal("ghml.drift-report/v1"),
  drifted: external_exports.boolean(),
  driftShare: external_exports.number().min(0).max(1).describe("Share of checked columns that drifted."),
  driftShareThreshold: external_exports.number(),
  enoughData: external_exports.boolean(),
  minRows: external_exports.number().int(),
  referenceRows: external_exports.number().int().nonnegative(),
  currentRows: external_exports.number().int().nonnegative(),
  correction: external_exports.enum(corrections),
  reference: external_exports.strictObject({ kind: external_exports.enum(["data", "profile"]), fingerprint: external_exports.string() }),
  current: external_exports.strictObject({ fingerprint: external_exports.string(), files: external_exports.array(external_exports.string()) }),
  createdAt: external_exports.string().describe("ISO-8601 time the report was made."),
  performance: external_exports.strictObject({
    metric: external_exports.enum(["accuracy", "mae"]).describe("accuracy for categorical labels, mean absolute error for numeric ones"),
    reference: external_exports.number().nullable().describe("On reference rows with both a prediction and a label; null when the reference has none."),
    current: external_exports.number(),
    currentRows: external_exports.number().int().positive().describe("Current rows with both a prediction and a label."),
    change: external_exports.number().nullable().describe("current \u2212 reference.")
  }).nullable().describe("Model performance where labels have arrived (concept drift), when prediction and label columns are named."),
  columns: external_exports.array(ColumnDrift)
}).describe("A ghml drift report: per-column drift statistics and the dataset verdict.");

// src/contracts/registry.ts
var sha256 = external_exports.string().regex(/^[0-9a-f]{64}$/, "must be a lowercase hex sha256");
var timestamp = external_exports.iso.datetime({ offset: true });
var gitCommit = external_exports.string().regex(/^[0-9a-f]{40}([0-9a-f]{24})?$/, "must be a full git commit id");
var ModelName = external_exports.string().regex(/^[a-z0-9][a-z0-9._-]{0,63}$/, 'must be 1\u201364 characters of a-z, 0-9, ".", "_" and "-", starting with a letter or digit').refine((name) => !name.includes(".."), 'must not contain ".."').refine((name) => !name.endsWith(".lock") && !name.endsWith("."), 'must not end with "." or ".lock" (git refuses such tags)');
var StageName = external_exports.string().regex(/^[a-z][a-z0-9_-]{0,31}$/, 'must be 1\u201332 characters of a-z, 0-9, "_" and "-", starting with a letter');
var VersionNumber = external_exports.number().int().positive();
var RegistryFormat = external_exports.strictObject({
  format: external_exports.literal("ghml.registry/v1"),
  createdAt: timestamp
}).describe("ghml.json at the root of the registry branch: the format of everything on the branch.");
var ModelRecord = external_exports.strictObject({
  format: external_exports.literal("ghml.model/v1"),
  name: ModelName,
  description: external_exports.string().nullable(),
  task: external_exports.string().nullable().describe("binary, multiclass, regression, or what the owners call it."),
  riskTier: external_exports.string().nullable().describe("The risk tier the promotion policy gives the model, when it names the model."),
  owners: external_exports.array(external_exports.string()).describe("GitHub users or teams (@org/team) who own the model."),
  latestVersion: external_exports.number().int().nonnegative().describe("The highest version number taken. A number is taken before its package is published, so versions/<latestVersion>.json may not exist yet, or ever (a failed registration leaves a gap)."),
  createdAt: timestamp,
  updatedAt: timestamp
}).describe("models/<name>/model.json: what the model is and who owns it, and the version counter.");
var Aliases = external_exports.record(StageName, VersionNumber).describe('models/<name>/aliases.json: the version each stage serves, e.g. {"staging": 4, "production": 3}. The only file a promotion pull request changes.');
var packageFileRoles = ["model", "model-card", "metrics", "data-profile", "data-contract", "run-record", "evaluation-report", "validation-report"];
var PackageFileRole = external_exports.enum(packageFileRoles);
var AssetName = external_exports.string().regex(/^[A-Za-z0-9_+-][A-Za-z0-9._+-]*$/, 'must use only A-Z, a-z, 0-9, ".", "_", "+" and "-", not starting with "."').max(255);
var PackagePart = external_exports.strictObject({
  asset: AssetName,
  size: external_exports.number().int().positive(),
  sha256
});
var PackageFile = external_exports.strictObject({
  name: AssetName.describe("The file name in the package; also its release asset name unless it is split."),
  role: PackageFileRole,
  size: external_exports.number().int().nonnegative(),
  sha256,
  parts: external_exports.array(PackagePart).nullable().describe("Release assets holding the file in order, when it is larger than a release asset may be; null when the file is one asset.")
});
var PackageManifest = external_exports.strictObject({
  format: external_exports.literal("ghml.package/v1"),
  model: ModelName,
  version: VersionNumber,
  createdAt: timestamp,
  files: external_exports.array(PackageFile).min(1)
}).describe("ghml-package.json: every file of a model package with its size and sha256. The package digest is the sha256 of this file.");
var ReleaseAssetRecord = external_exports.strictObject({
  name: AssetName,
  id: external_exports.number().int().positive(),
  size: external_exports.number().int().nonnegative(),
  sha256
});
var WorkflowRun = external_exports.strictObject({
  id: external_exports.string(),
  attempt: external_exports.number().int().positive().nullable(),
  url: external_exports.url()
});
var DataFileLineage = external_exports.strictObject({
  path: external_exports.string(),
  bytes: external_exports.number().int().nonnegative(),
  sha256
});
var VersionRecord = external_exports.strictObject({
  format: external_exports.literal("ghml.version/v1"),
  model: ModelName,
  version: VersionNumber,
  createdAt: timestamp,
  createdBy: external_exports.string().nullable().describe("Who registered it: the workflow actor or the token's user."),
  release: external_exports.strictObject({
    tag: external_exports.string(),
    id: external_exports.number().int().positive(),
    url: external_exports.url().describe("The release page.")
  }),
  package: external_exports.strictObject({
    digest: sha256.describe("sha256 of ghml-package.json."),
    bytes: external_exports.number().int().nonnegative().describe("Total size of the package files.")
  }),
  assets: external_exports.array(ReleaseAssetRecord).min(1).describe("Every release asset, verified after upload."),
  commit: gitCommit.describe("The training commit; the release tag points at it."),
  run: external_exports.string().nullable().describe("The training run id: runs/<model>/<run>.json."),
  evaluation: external_exports.strictObject({ id: external_exports.string(), passed: external_exports.boolean() }).nullable().describe("The evaluation registered with the version: evaluations/<model>/<version>/<id>.json."),
  dataValidation: external_exports.strictObject({ passed: external_exports.boolean(), failed: external_exports.number().int().nonnegative(), warnings: external_exports.number().int().nonnegative() }).nullable().describe("The validation report registered with the version, in brief."),
  metrics: external_exports.record(external_exports.string(), external_exports.number().nullable()).describe("The evaluation's metrics, else the run's final metrics."),
  lineage: external_exports.strictObject({
    repositoryUrl: external_exports.url().nullable().describe("The repository's web page, for links to the commit."),
    workflowRun: WorkflowRun.nullable(),
    dataFingerprint: sha256.nullable().describe("The training data: the run record's fingerprint, else the data profile's."),
    dataFiles: external_exports.array(DataFileLineage),
    evaluationDataFingerprint: external_exports.string().nullable()
  }),
  card: external_exports.strictObject({
    description: external_exports.string().nullable(),
    intendedUse: external_exports.string().nullable(),
    limitations: external_exports.string().nullable(),
    owners: external_exports.array(external_exports.string()),
    task: external_exports.string().nullable()
  }),
  tags: external_exports.array(external_exports.string()),
  attestation: external_exports.strictObject({ predicateType: external_exports.url(), subjects: external_exports.array(external_exports.strictObject({ name: external_exports.string(), sha256 })) }).nullable().describe("What an artifact attestation of this package covers, when one was requested.")
}).describe("models/<name>/versions/<N>.json: one registered version, written once after its release is published and verified, never rewritten.");
var EvaluationSummary = external_exports.looseObject({
  format: external_exports.literal("ghml.evaluation-report/v1"),
  task: external_exports.string().optional(),
  metrics: external_exports.record(external_exports.string(), external_exports.number().nullable()),
  data: external_exports.looseObject({ fingerprint: external_exports.string() }).optional(),
  gate: external_exports.looseObject({ passed: external_exports.boolean() })
});
var PackageMetrics = external_exports.strictObject({
  format: external_exports.literal("ghml.metrics/v1"),
  source: external_exports.enum(["evaluation", "run", "none"]).describe("evaluation: the registered evaluation report; run: the training run's final metrics."),
  metrics: external_exports.record(external_exports.string(), external_exports.number().nullable())
}).describe("metrics.json in a model package.");

// src/contracts/policy.ts
var Principal = external_exports.string().regex(/^@[A-Za-z0-9](?:[A-Za-z0-9-]{0,38})(?:\/[A-Za-z0-9._-]+)?$/, "must be @user or @org/team").describe("A person (`@login`) or a team (`@org/team`), as in CODEOWNERS.");
var StageKey = StageName.meta({ title: "stage", description: "A stage of `stages`." });
var RiskTier = external_exports.strictObject({
  approvals: external_exports.number().int().nonnegative().describe("Approving reviews a promotion needs: counted reviews from `approvers` (from anyone with write access when `approvers` is empty). 0 lets a promotion through without approvals."),
  approvers: external_exports.array(Principal).default([]).describe("Whose approvals count; anyone with write access when empty."),
  "also-required": external_exports.array(Principal).default([]).describe("Teams or people each of whom must approve as well: each needs one counted approval, besides the `approvals` quorum (one review may count toward both).")
}).describe("An approval rule: how many approvals a promotion of a model in this tier needs, and from whom.");
var ModelPolicy = external_exports.strictObject({
  risk: external_exports.string().describe("The model's risk tier: a key of `risk-tiers`."),
  owners: external_exports.array(Principal).default([]).describe("People and teams mentioned on the model's drift issues. For a model the policy does not list, the owners in its model.json are mentioned instead.")
}).describe("What the policy says about one model.");
var requirements = ["required", "optional"];
var StageGates = external_exports.strictObject({
  evaluation: external_exports.enum(requirements).default("optional").describe("required: an evaluation of the version that passed its thresholds."),
  "data-validation": external_exports.enum(requirements).default("optional").describe("required: the version was registered with a data validation that passed."),
  "open-drift-issues": external_exports.enum(["block", "ignore"]).default("ignore").describe("block: no open drift issue labelled critical for the model, in any environment.")
}).describe("What a version must have before it may reach the stage; checked on the promotion pull request and again by the deployment protection rule.");
var DriftPolicy = external_exports.strictObject({
  "schedule-issue-after": external_exports.number().int().positive().default(2).describe("Consecutive drifted reports (per model and environment) before an issue is opened."),
  "retrain-workflow": external_exports.string().min(1).optional().describe("Workflow file under .github/workflows/ dispatched on the default branch, with the input `model`, when an issue is opened and on `/ghml retrain`. Unset: nothing is dispatched."),
  "close-issue-after": external_exports.number().int().positive().optional().describe("Consecutive clean reports that close a drift issue; schedule-issue-after when unset.")
});
var deploymentStrategies = ["blue-green", "canary", "shadow", "batch"];
var StageDeployment = external_exports.strictObject({
  strategy: external_exports.enum(deploymentStrategies).default("blue-green").describe("The rollout strategy, put in the payload of the deployment the app creates.")
}).describe("How a stage's deployments are rolled out.");
var Policy = external_exports.strictObject({
  "registry-branch": external_exports.string().min(1).default("ghml/registry").describe("The registry branch: the model index, versions, runs, evaluations and drift reports."),
  stages: external_exports.array(StageName.describe("A stage name; also the GitHub environment its deployments go to.")).min(1).default(["staging", "production"]).refine((stages) => new Set(stages).size === stages.length, "must not list a stage twice").describe("Stages in promotion order: a version reaches a stage only after it held the one before."),
  "risk-tiers": external_exports.record(external_exports.string().regex(/^[a-z][a-z0-9_-]*$/, "tier names are lowercase words").meta({ title: "tier", description: "A tier name: a lowercase word." }), RiskTier).default({}).describe("Approval rules by name. A model gets the tier the policy names for it, else the one its model.json names, else the tier `default`, else one approval from anyone with write access."),
  models: external_exports.record(external_exports.string().meta({ title: "model", description: "A model name, as registered." }), ModelPolicy).default({}).describe("Per model name: its risk tier and owners."),
  gates: external_exports.record(StageKey, StageGates).default({}).describe("Per stage: what a version must have to reach it. A stage without an entry has no gates."),
  drift: DriftPolicy.default({ "schedule-issue-after": 2 }).describe("When drift reports on the registry branch become issues, and what is dispatched then."),
  "enforce-stage-order": external_exports.boolean().default(true).describe("false lets a version reach a stage without having held the one before."),
  deployments: external_exports.record(StageKey, StageDeployment).default({}).describe("Per stage: how the deployment the app creates on merge is rolled out (blue-green when unset).")
}).superRefine((policy, ctx) => {
  const tiers = Object.keys(policy["risk-tiers"]);
  const known = (tier) => tiers.includes(tier);
  for (const [model, entry] of Object.entries(policy.models)) {
    const name = ModelName.safeParse(model);
    if (!name.success) ctx.addIssue({ code: "custom", path: ["models", model], message: `"${model}" is not a model name: it ${name.error.issues[0].message}` });
    if (!known(entry.risk)) ctx.addIssue({ code: "custom", path: ["models", model, "risk"], message: `"${entry.risk}" is not a risk tier (risk-tiers has ${tiers.length > 0 ? tiers.join(", ") : "none"})` });
  }
  for (const stage of Object.keys(policy.gates)) {
    if (!policy.stages.includes(stage)) ctx.addIssue({ code: "custom", path: ["gates", stage], message: `"${stage}" is not one of the stages (${policy.stages.join(", ")})` });
  }
  for (const stage of Object.keys(policy.deployments)) {
    if (!policy.stages.includes(stage)) ctx.addIssue({ code: "custom", path: ["deployments", stage], message: `"${stage}" is not one of the stages (${policy.stages.join(", ")})` });
  }
}).describe("The ghml promotion policy: .github/ghml.yml on the default branch.");
var POLICY_PATH = ".github/ghml.yml";

// src/github/pull-requests.ts
var GitHubPullRequests = class {
  constructor(octokit, target) {
    this.octokit = octokit;
    this.repository = { owner: target.owner, repo: target.repo };
  }
  octokit;
  repository;
  /** Lists the open pull requests into the registry branch: a handful, whatever the history. */
  async findOpen(base, headPrefix) {
    const pulls = await this.octokit.paginate(this.octokit.rest.pulls.list, { ...this.repository, state: "open", base, per_page: 100 });
    return pulls.filter((pull) => pull.head.ref.startsWith(headPrefix) && pull.head.repo?.full_name === `${this.repository.owner}/${this.repository.repo}`).map((pull) => ({ number: pull.number, url: pull.html_url, head: pull.head.ref }));
  }
  async open(request) {
    const { data } = await this.octokit.rest.pulls.create({ ...this.repository, ...request, maintainer_can_modify: false });
    return { number: data.number, url: data.html_url, head: data.head.ref };
  }
  async update(number, request) {
    const { data } = await this.octokit.rest.pulls.update({ ...this.repository, pull_number: number, ...request });
    return { number: data.number, url: data.html_url, head: data.head.ref };
  }
  async close(number, comment) {
    await this.octokit.rest.issues.createComment({ ...this.repository, issue_number: number, body: comment });
    await this.octokit.rest.pulls.update({ ...this.repository, pull_number: number, state: "closed" });
  }
};
var GitHubPolicySource = class {
  constructor(octokit, target) {
    this.octokit = octokit;
    this.repository = { owner: target.owner, repo: target.repo };
    this.location = `${target.owner}/${target.repo} (default branch):${POLICY_PATH}`;
  }
  octokit;
  location;
  repository;
  read() {
    return readRepositoryFile(this.octokit, this.repository, POLICY_PATH);
  }
};
var GitHubDeploymentHistory = class {
  constructor(octokit, target) {
    this.octokit = octokit;
    this.repository = { owner: target.owner, repo: target.repo };
  }
  octokit;
  repository;
  async list(model, environment) {
    const deployments = await this.octokit.paginate(this.octokit.rest.repos.listDeployments, { ...this.repository, ...environment ? { environment } : {}, per_page: 100 });
    return deployments.flatMap((deployment) => {
      const payload = typeof deployment.payload === "object" ? deployment.payload : {};
      if (payload.model !== model) return [];
      const version = typeof payload.version === "number" ? payload.version : null;
      return [{ id: deployment.id, environment: deployment.environment, version, createdAt: deployment.created_at, creator: deployment.creator?.login ?? null }];
    });
  }
};

// src/registry/paths.ts
var DEFAULT_REGISTRY_BRANCH = "ghml/registry";
var REGISTRY_FORMAT_PATH = "ghml.json";
var MODELS_DIRECTORY = "models";
var registryPaths = {
  model: (model) => `models/${model}/model.json`,
  aliases: (model) => `models/${model}/aliases.json`,
  version: (model, version) => `models/${model}/versions/${version}.json`,
  run: (model, runId) => `runs/${model}/${runId}.json`,
  evaluation: (model, version, evaluationId) => `evaluations/${model}/${version}/${evaluationId}.json`,
  drift: (model, environment, stamp) => `drift/${model}/${environment}/${stamp}.json`,
  latestDrift: (model, environment) => `drift/${model}/${environment}/latest.json`
};
function releaseTag(model, version) {
  return `model/${model}/v${version}`;
}
function promotionBranch(model, stage, version) {
  return `ghml/promote/${model}/${stage}/v${version}`;
}
function promotionBranchPrefix(model, stage) {
  return `ghml/promote/${model}/${stage}/`;
}
function checkModelName(name, input = "model") {
  const parsed = ModelName.safeParse(name);
  if (!parsed.success) throw new ConfigurationError(`model name "${name}" ${parsed.error.issues[0].message}`, { input });
  return parsed.data;
}
function checkStageName(name, input = "stage") {
  const parsed = StageName.safeParse(name);
  if (!parsed.success) throw new ConfigurationError(`stage "${name}" ${parsed.error.issues[0].message}`, { input });
  return parsed.data;
}
function checkRunId(id) {
  if (!/^[A-Za-z0-9][A-Za-z0-9._-]{0,127}$/.test(id) || id.includes("..")) {
    throw new ConfigurationError(`run id "${id}" cannot be a file name on the registry branch`, { input: "run-record" });
  }
  return id;
}

// src/registry/reference.ts
function parseModelReference(text, input = "model") {
  const at = text.indexOf("@");
  const model = checkModelName(at < 0 ? text : text.slice(0, at), input);
  if (at < 0) return { model, kind: "latest" };
  const selector = text.slice(at + 1);
  const version = /^v?(\d+)$/.exec(selector);
  if (version) {
    const number = Number(version[1]);
    if (number < 1) throw new ConfigurationError(`"${text}": versions start at 1`, { input });
    return { model, kind: "version", version: number };
  }
  if (selector === "") throw new ConfigurationError(`"${text}": give a version or a stage after @, e.g. ${model}@v3 or ${model}@production`, { input });
  return { model, kind: "alias", alias: checkStageName(selector, input) };
}
function formatReference(reference) {
  if (reference.kind === "version") return `${reference.model}@v${reference.version}`;
  if (reference.kind === "alias") return `${reference.model}@${reference.alias}`;
  return reference.model;
}
function parseVersion(text, input = "version") {
  const match = /^v?(\d+)$/.exec(text.trim());
  if (!match || Number(match[1]) < 1) throw new ConfigurationError(`"${text}" is not a version: give a number such as 3 or v3`, { input });
  return Number(match[1]);
}

// src/github/registry-store.ts
var GitHubRegistryStore = class {
  constructor(octokit, target, author) {
    this.octokit = octokit;
    this.author = author;
    this.repository = { owner: target.owner, repo: target.repo };
    this.location = `${target.owner}/${target.repo}`;
  }
  octokit;
  author;
  location;
  repository;
  repositoryVisible = false;
  async head(branch) {
    try {
      const { data } = await this.octokit.rest.git.getRef({ ...this.repository, ref: `heads/${branch}` });
      this.repositoryVisible = true;
      return data.object.sha;
    } catch (error) {
      if (statusOf(error) !== 404) throw error;
      await this.checkRepositoryVisible();
      return void 0;
    }
  }
  /**
   * GitHub answers 404 both for a missing branch and for a repository the token cannot see; only
   * the first means "no registry yet".
   */
  async checkRepositoryVisible() {
    if (this.repositoryVisible) return;
    try {
      await this.octokit.rest.repos.get(this.repository);
      this.repositoryVisible = true;
    } catch (error) {
      if (statusOf(error) !== 404) throw error;
      throw new ConfigurationError(`repository ${this.location} does not exist, or the token cannot see it`, { input: "repo", cause: error });
    }
  }
  readFile(commit, path) {
    return readRepositoryFile(this.octokit, this.repository, path, commit);
  }
  /** Walks the trees down from the commit: unlike the contents API, a tree lists more than 1,000 entries. */
  async listDirectory(commit, path) {
    const { data: parsed } = await this.octokit.rest.git.getCommit({ ...this.repository, commit_sha: commit });
    let tree = parsed.tree.sha;
    for (const segment of path.split("/").filter(Boolean)) {
      const { data: data2 } = await this.octokit.rest.git.getTree({ ...this.repository, tree_sha: tree });
      const entry = data2.tree.find((candidate) => candidate.path === segment && candidate.type === "tree");
      if (!entry?.sha) return void 0;
      tree = entry.sha;
    }
    const { data } = await this.octokit.rest.git.getTree({ ...this.repository, tree_sha: tree });
    return data.tree.map((entry) => entry.path).filter(Boolean);
  }
  async commitFiles(request) {
    const baseTree = request.parent ? (await this.octokit.rest.git.getCommit({ ...this.repository, commit_sha: request.parent })).data.tree.sha : void 0;
    const { data: tree } = await this.octokit.rest.git.createTree({
      ...this.repository,
      ...baseTree ? { base_tree: baseTree } : {},
      tree: request.files.map((file) => ({ path: file.path, mode: "100644", type: "blob", content: file.content }))
    });
    const { data: commit } = await this.octokit.rest.git.createCommit({
      ...this.repository,
      message: request.message,
      tree: tree.sha,
      parents: request.parent ? [request.parent] : [],
      // GitHub links a commit to an account by its noreply address, which names the account's id and login.
      ...this.author ? { author: { name: this.author.login, email: `${this.author.id}+${this.author.login}@users.noreply.github.com`, date: (/* @__PURE__ */ new Date()).toISOString() } } : {}
    });
    try {
      if (request.expected === void 0) {
        await this.octokit.rest.git.createRef({ ...this.repository, ref: `refs/heads/${request.branch}`, sha: commit.sha });
      } else {
        await this.octokit.rest.git.updateRef({ ...this.repository, ref: `heads/${request.branch}`, sha: commit.sha, force: request.force ?? false });
      }
    } catch (error) {
      if (statusOf(error) === 422) return void 0;
      throw error;
    }
    return commit.sha;
  }
  async history(branch, path, limit) {
    const { data } = await this.octokit.rest.repos.listCommits({ ...this.repository, sha: branch, path, per_page: Math.min(limit, 100) });
    return data.slice(0, limit).map((entry) => ({
      commit: entry.sha,
      message: entry.commit.message,
      author: {
        name: entry.commit.author?.name ?? "",
        email: entry.commit.author?.email ?? "",
        date: entry.commit.author?.date ?? "",
        ...entry.author && "login" in entry.author ? { login: entry.author.login } : {}
      },
      committer: {
        name: entry.commit.committer?.name ?? "",
        email: entry.commit.committer?.email ?? "",
        date: entry.commit.committer?.date ?? "",
        ...entry.committer && "login" in entry.committer ? { login: entry.committer.login } : {}
      }
    }));
  }
};

// src/registry/policy.ts
async function loadPolicy(source) {
  const text = await source.read();
  if (text === void 0) return Policy.parse({});
  return parseDocumentText(text, source.location, Policy, "promotion policy", "policy");
}
async function registryBranchOf(source, given) {
  return given ?? (await loadPolicy(source))["registry-branch"];
}

// src/contracts/sketches.ts
var KllState = external_exports.strictObject({
  k: external_exports.number().int().positive().describe("Accuracy parameter: normalized rank error is at most 2.5/k (KllSketch.rankError)."),
  n: external_exports.number().int().nonnegative().describe("Number of values summarized."),
  min: external_exports.number().nullable(),
  max: external_exports.number().nullable(),
  levels: external_exports.array(external_exports.array(external_exports.number())).describe("Compactor levels; an item at level h stands for 2^h values.")
});
var HllState = external_exports.strictObject({
  precision: external_exports.number().int().min(4).max(18).describe("2^precision registers; standard error about 1.04/sqrt(2^precision)."),
  registers: external_exports.string().describe("Register bytes, base64.")
});
var FrequentItemsState = external_exports.strictObject({
  capacity: external_exports.number().int().positive().describe("Counters kept; a value more frequent than n/(capacity+1) is always kept."),
  n: external_exports.number().int().nonnegative().describe("Number of values summarized."),
  maxError: external_exports.number().nonnegative().describe("Every kept count is exact or low by at most this much."),
  items: external_exports.array(external_exports.tuple([external_exports.string(), external_exports.number().int().positive()])).describe("[value, count] pairs.")
});

// src/contracts/data-profile.ts
var FileFingerprint = external_exports.strictObject({
  path: external_exports.string().describe("The path as given."),
  format: external_exports.enum(["csv", "jsonl", "parquet"]),
  bytes: external_exports.number().int().nonnegative(),
  sha256: external_exports.string().regex(/^[0-9a-f]{64}$/),
  rows: external_exports.number().int().nonnegative()
});
var QuantileValue = external_exports.strictObject({ quantile: external_exports.number().min(0).max(1), value: external_exports.number() });
var NumericSummary = external_exports.strictObject({
  min: external_exports.number(),
  max: external_exports.number(),
  mean: external_exports.number(),
  variance: external_exports.number().nonnegative().describe("Sample variance (n - 1 in the denominator); 0 for a single value."),
  quantiles: external_exports.array(QuantileValue),
  histogram: external_exports.strictObject({
    edges: external_exports.array(external_exports.number()).describe("Bin edges, one more than counts; the last bin includes its right edge."),
    counts: external_exports.array(external_exports.number().nonnegative()).describe("Estimated values per bin, from the quantile sketch.")
  }),
  sketch: KllState
});
var ColumnProfile = external_exports.strictObject({
  name: external_exports.string(),
  type: ColumnType,
  count: external_exports.number().int().nonnegative().describe("Values present and valid for the type."),
  missing: external_exports.number().int().nonnegative().describe("Empty or null values."),
  invalid: external_exports.number().int().nonnegative().describe("Present values that are not of the type (text in a number column, NaN, Infinity)."),
  numeric: NumericSummary.nullable().describe("For integer, number and timestamp (epoch milliseconds) columns with values."),
  distinct: external_exports.strictObject({ estimate: external_exports.number().nonnegative(), sketch: HllState }),
  frequent: external_exports.strictObject({
    values: external_exports.array(external_exports.strictObject({ value: external_exports.string(), count: external_exports.number().int().positive() })),
    sketch: FrequentItemsState
  }).nullable().describe("Most frequent values, for string, category and boolean columns."),
  length: external_exports.strictObject({ min: external_exports.number().int().nonnegative(), max: external_exports.number().int().nonnegative() }).nullable().describe("Shortest and longest value in characters, for string and category columns.")
});
var DataProfile = external_exports.strictObject({
  format: external_exports.literal("ghml.data-profile/v1"),
  rows: external_exports.number().int().nonnegative(),
  files: external_exports.array(FileFingerprint),
  fingerprint: external_exports.string().regex(/^[0-9a-f]{64}$/).describe("sha256 over the files' digests, in order."),
  columns: external_exports.array(ColumnProfile)
}).describe("A ghml data profile: per-column statistics and mergeable sketches of a dataset.");

// src/contracts/run-record.ts
var sha2562 = external_exports.string().regex(/^[0-9a-f]{64}$/);
var timestamp2 = external_exports.iso.datetime({ offset: true });
var JsonValue = external_exports.json();
var RunStatus = external_exports.enum(["succeeded", "failed", "cancelled", "timed-out"]).describe("succeeded: the command exited 0 and wrote the model. failed: it exited non-zero, or wrote no model. cancelled: stopped by SIGINT/SIGTERM. timed-out: stopped at timeout-minutes.");
var Trigger = external_exports.strictObject({
  event: external_exports.string().nullable().describe('GITHUB_EVENT_NAME, or "cli" outside Actions.'),
  actor: external_exports.string().nullable(),
  repository: external_exports.string().nullable(),
  ref: external_exports.string().nullable(),
  sha: external_exports.string().nullable().describe("GITHUB_SHA: the commit the workflow ran for."),
  workflow: external_exports.string().nullable(),
  job: external_exports.string().nullable(),
  runId: external_exports.string().nullable(),
  runAttempt: external_exports.number().int().positive().nullable(),
  runUrl: external_exports.url().nullable().describe("GITHUB_SERVER_URL/GITHUB_REPOSITORY/actions/runs/GITHUB_RUN_ID.")
});
var GitState = external_exports.strictObject({
  commit: external_exports.string().regex(/^[0-9a-f]{40,64}$/),
  branch: external_exports.string().nullable().describe("The checked-out branch; in a detached checkout (as in Actions), GITHUB_HEAD_REF or GITHUB_REF_NAME."),
  dirty: external_exports.boolean().describe("True when tracked files differ from the commit when the run started.")
}).nullable().describe("The git state of the working directory when the run started; null outside a git repository.");
var RawFileFingerprint = external_exports.strictObject({
  path: external_exports.string(),
  bytes: external_exports.number().int().nonnegative(),
  sha256: sha2562
});
var DataLineage = external_exports.strictObject({
  files: external_exports.array(FileFingerprint).describe("Tabular data files (CSV, JSON Lines, Parquet), fingerprinted as validate-data does."),
  otherFiles: external_exports.array(RawFileFingerprint).describe("Other declared data files (images, arrays, archives), by content digest."),
  fingerprint: sha2562.nullable().describe("sha256 over the digests of files then otherFiles, in order; null when no data was declared.")
});
var DvcPointer = external_exports.strictObject({
  source: external_exports.string().describe("The .dvc file or dvc.lock the pointer was read from, relative to the working directory."),
  stage: external_exports.string().nullable().describe("The dvc.lock stage, or null for a .dvc file."),
  role: external_exports.enum(["out", "dep"]),
  path: external_exports.string().describe("The data path as DVC records it (relative to the pointer file)."),
  hash: external_exports.string().nullable().describe("The content hash DVC records (md5, ending in .dir for a directory, or etag/checksum)."),
  hashAlgorithm: external_exports.string().nullable().describe("md5, md5-dos2unix, etag\u2026: what DVC says the hash is."),
  size: external_exports.number().int().nonnegative().nullable(),
  files: external_exports.number().int().nonnegative().nullable().describe("Number of files, for a directory.")
});
var LockFile = external_exports.strictObject({
  path: external_exports.string().describe("Relative to the working directory."),
  bytes: external_exports.number().int().nonnegative(),
  sha256: sha2562
});
var PythonEnvironment = external_exports.strictObject({
  executable: external_exports.string(),
  version: external_exports.string().nullable(),
  packages: external_exports.array(external_exports.string()).nullable().describe("`python -m pip freeze`, one requirement per entry."),
  reason: external_exports.string().nullable().describe("Why packages is null.")
});
var Environment = external_exports.strictObject({
  os: external_exports.strictObject({
    platform: external_exports.string(),
    release: external_exports.string(),
    name: external_exports.string().nullable().describe("PRETTY_NAME from /etc/os-release, where there is one.")
  }),
  arch: external_exports.string(),
  cpu: external_exports.strictObject({ model: external_exports.string(), count: external_exports.number().int().positive() }),
  memoryBytes: external_exports.number().int().nonnegative(),
  nodeVersion: external_exports.string(),
  runner: external_exports.strictObject({
    name: external_exports.string().nullable(),
    os: external_exports.string().nullable(),
    arch: external_exports.string().nullable(),
    environment: external_exports.string().nullable().describe("RUNNER_ENVIRONMENT: github-hosted or self-hosted."),
    labels: external_exports.array(external_exports.string()).nullable().describe("RUNNER_LABELS (comma-separated), when the runner exports it.")
  }).nullable().describe("The Actions runner; null outside Actions."),
  container: external_exports.strictObject({
    runtime: external_exports.enum(["docker", "podman", "kubernetes", "unknown"]),
    image: external_exports.string().nullable().describe("GHML_CONTAINER_IMAGE, when the job sets it: a container does not know its image name.")
  }).nullable().describe("Null when the step does not run in a container."),
  workflowRunUrl: external_exports.url().nullable(),
  lockFiles: external_exports.array(LockFile).describe("Dependency lock files in the working directory, by digest."),
  python: PythonEnvironment.nullable().describe("The python on PATH; null when there is none.")
});
var MinMax = external_exports.strictObject({ mean: external_exports.number(), max: external_exports.number() });
var GpuDevice = external_exports.strictObject({
  index: external_exports.number().int().nonnegative(),
  uuid: external_exports.string(),
  name: external_exports.string(),
  driverVersion: external_exports.string(),
  memoryTotalMiB: external_exports.number().nonnegative().nullable(),
  samples: external_exports.number().int().nonnegative().describe("Samples taken while the command ran."),
  utilizationPercent: MinMax.nullable().describe("Null when nvidia-smi reports it as [N/A] or no sample was taken."),
  memoryUsedMaxMiB: external_exports.number().nonnegative().nullable(),
  powerWatts: MinMax.nullable(),
  temperatureMaxC: external_exports.number().nullable()
});
var GpuSummary = external_exports.strictObject({
  available: external_exports.boolean(),
  reason: external_exports.string().nullable().describe("Why no GPU is listed, when available is false."),
  cudaVersion: external_exports.string().nullable().describe("The highest CUDA version the driver supports, from the nvidia-smi header."),
  sampleIntervalSeconds: external_exports.number().positive(),
  devices: external_exports.array(GpuDevice)
});
var MetricPoint = external_exports.strictObject({ step: external_exports.number(), value: external_exports.number() });
var MetricSeries = external_exports.strictObject({
  name: external_exports.string(),
  count: external_exports.number().int().positive(),
  first: external_exports.number(),
  last: external_exports.number(),
  min: external_exports.number(),
  max: external_exports.number(),
  points: external_exports.array(MetricPoint).describe("At most 200 points, evenly spaced over the series, first and last included: for charts.")
});
var Metrics = external_exports.strictObject({
  final: external_exports.record(external_exports.string(), external_exports.number()).describe("The final metrics file, over the last value of each series."),
  series: external_exports.array(MetricSeries),
  warnings: external_exports.array(external_exports.string()).describe("Metrics lines that could not be read, by line number.")
});
var TensorSignature = external_exports.strictObject({
  name: external_exports.string(),
  elementType: external_exports.string().describe("As ONNX Runtime names it: float32, int64, string\u2026"),
  shape: external_exports.array(external_exports.union([external_exports.number().int(), external_exports.string()])).describe('A number per fixed dimension, the symbol for a named one (e.g. "N").')
});
var ModelArtifact = external_exports.strictObject({
  path: external_exports.string().describe("As given, relative to the working directory."),
  format: external_exports.enum(["onnx", "pytorch", "safetensors", "pickle", "joblib", "keras", "tensorflow", "gguf", "xgboost", "directory", "other"]),
  bytes: external_exports.number().int().nonnegative(),
  sha256: sha2562.describe('For a directory: sha256 over "<relative path>\\0<sha256>\\n" of its files, sorted by path.'),
  signature: external_exports.strictObject({ inputs: external_exports.array(TensorSignature), outputs: external_exports.array(TensorSignature) }).nullable().describe("Inputs and outputs of an ONNX model; null for other formats or when it could not be read."),
  signatureUnavailable: external_exports.string().nullable().describe("Why an ONNX model has no signature.")
});
var CheckpointInfo = external_exports.strictObject({
  directory: external_exports.string(),
  store: external_exports.string().nullable().describe("Where checkpoints are kept between attempts; null when nowhere (the directory stays where it is)."),
  key: external_exports.string().nullable().describe("The key saved under."),
  restoredFrom: external_exports.string().nullable().describe("The key restored before the run; null when it started afresh."),
  saved: external_exports.boolean(),
  files: external_exports.number().int().nonnegative().describe("Files in the directory after the run."),
  bytes: external_exports.number().int().nonnegative(),
  problem: external_exports.string().nullable().describe("Why restoring or saving did not happen.")
});
var RunRecord = external_exports.strictObject({
  format: external_exports.literal("ghml.run-record/v1"),
  id: external_exports.string().regex(/^[A-Za-z0-9][A-Za-z0-9._-]*$/).describe("Unique, sortable by start time, safe in a file name."),
  model: external_exports.string().describe("The model name."),
  status: RunStatus,
  message: external_exports.string().nullable().describe("Why the run did not succeed."),
  exitCode: external_exports.number().int().nullable().describe("The command's exit code; null when a signal ended it."),
  signal: external_exports.string().nullable().describe("The signal that ended the command, if one did."),
  startedAt: timestamp2,
  endedAt: timestamp2,
  durationSeconds: external_exports.number().nonnegative(),
  trigger: Trigger,
  git: GitState,
  command: external_exports.string(),
  workingDirectory: external_exports.string(),
  params: external_exports.record(external_exports.string(), JsonValue),
  seed: external_exports.number().int(),
  data: DataLineage,
  dvc: external_exports.array(DvcPointer),
  environment: Environment,
  gpu: GpuSummary,
  metrics: Metrics,
  modelArtifact: ModelArtifact.nullable().describe("Null when the run did not produce the model."),
  artifact: external_exports.strictObject({
    name: external_exports.string().describe("ghml-run-<model>-<id>."),
    id: external_exports.number().int().positive().describe("GET /repos/{owner}/{repo}/actions/artifacts/{id}/zip downloads it.")
  }).nullable().optional().describe("The workflow artifact holding the model and this record, added after the upload to the record at record-path and to the one committed to the registry; the copy inside the artifact was uploaded before its id existed and has none."),
  checkpoint: CheckpointInfo.nullable().describe("Null when no checkpoint-dir was given."),
  previousProductionVersion: external_exports.number().int().positive().nullable().describe("The version serving production when the run started, when a registry says.")
}).describe("A ghml training run record.");

// src/registry/documents.ts
function serializeDocument(schema, value) {
  const parsed = schema.safeParse(value);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new Error(`ghml built an invalid registry document: ${issue.path.join(".") || "(root)"}: ${issue.message}`);
  }
  return `${JSON.stringify(parsed.data, null, 2)}
`;
}
function parseDocument(schema, content, where) {
  let data;
  try {
    data = JSON.parse(content);
  } catch (error) {
    throw new DataError(`is not JSON (${error.message}); fix or revert the commit that changed it`, { file: where });
  }
  const parsed = schema.safeParse(data);
  if (parsed.success) return parsed.data;
  const problems = parsed.error.issues.slice(0, 3).map((issue) => `${issue.path.join(".") || "(root)"}: ${issue.message}`);
  throw new DataError(`does not match its schema: ${problems.join("; ")}; fix or revert the commit that changed it`, { file: where });
}

// src/registry/store.ts
import { randomUUID } from "node:crypto";
import { setTimeout as sleep } from "node:timers/promises";
function snapshotAt(store, commit) {
  return { commit, read: async (path) => commit === void 0 ? void 0 : store.readFile(commit, path) };
}
async function headSnapshot(store, branch) {
  return snapshotAt(store, await store.head(branch));
}
var RegistryConflictError = class extends Error {
  name = "RegistryConflictError";
};
async function updateBranch(store, branch, change, options = {}) {
  const attempts = options.attempts ?? 10;
  const backoffMs = options.backoffMs ?? 50;
  for (let attempt = 1; attempt <= attempts; attempt++) {
    const snapshot = await headSnapshot(store, branch);
    const planned = await change(snapshot);
    if (planned.files.length === 0) return { result: planned.result, commit: snapshot.commit };
    const files = snapshot.commit === void 0 ? [{ path: REGISTRY_FORMAT_PATH, content: serializeDocument(RegistryFormat, { format: "ghml.registry/v1", createdAt: (options.now?.() ?? /* @__PURE__ */ new Date()).toISOString() }) }, ...planned.files] : planned.files;
    const message = `${planned.message}

Ghml-Write: ${randomUUID()}
`;
    const commit = await store.commitFiles({ branch, parent: snapshot.commit, expected: snapshot.commit, files, message });
    if (commit !== void 0) return { result: planned.result, commit };
    if (attempt < attempts) await sleep(Math.random() * backoffMs * 2 ** Math.min(attempt, 6));
  }
  throw new RegistryConflictError(`the registry branch ${branch} of ${store.location} kept moving: ${attempts} attempts to write lost to other writers; try again`);
}

// src/registry/registry.ts
var LATEST_SEARCH_LIMIT = 20;
var READ_CONCURRENCY = 8;
var Registry = class {
  constructor(store, branch, options = {}) {
    this.store = store;
    this.branch = branch;
    this.options = options;
  }
  store;
  branch;
  options;
  now() {
    return this.options.now?.() ?? /* @__PURE__ */ new Date();
  }
  /** The branch, for messages: `owner/repo ghml/registry`. */
  get description() {
    return `${this.store.location} ${this.branch}`;
  }
  /** Where a document lives, for messages: `owner/repo ghml/registry:models/churn/model.json`. */
  where(path) {
    return `${this.description}:${path}`;
  }
  async snapshot() {
    return snapshotAt(this.store, await this.store.head(this.branch));
  }
  async readDocument(snapshot, path, schema) {
    const content = await snapshot.read(path);
    return content === void 0 ? void 0 : parseDocument(schema, content, this.where(path));
  }
  document(schema, path, value) {
    return { path, content: serializeDocument(schema, value) };
  }
  /**
   * Takes the next version number: model.json's counter goes up by one in a compare-and-swap
   * commit, so two registrations racing each other get different numbers and neither is lost.
   * Creates the model (and its empty aliases.json) on its first registration.
   */
  async reserveVersion(name, details) {
    const model = checkModelName(name);
    const { result } = await updateBranch(this.store, this.branch, async (snapshot) => {
      const existing = await this.readDocument(snapshot, registryPaths.model(model), ModelRecord);
      const now = this.now().toISOString();
      const record = {
        format: "ghml.model/v1",
        name: model,
        description: details.description ?? existing?.description ?? null,
        task: details.task ?? existing?.task ?? null,
        riskTier: details.riskTier ?? existing?.riskTier ?? null,
        owners: details.owners && details.owners.length > 0 ? details.owners : existing?.owners ?? [],
        latestVersion: (existing?.latestVersion ?? 0) + 1,
        createdAt: existing?.createdAt ?? now,
        updatedAt: now
      };
      const files = [this.document(ModelRecord, registryPaths.model(model), record)];
      if (!existing) files.push(this.document(Aliases, registryPaths.aliases(model), {}));
      return { files, message: `${model}: take version ${record.latestVersion}`, result: { version: record.latestVersion, model: record } };
    }, this.options);
    return result;
  }
  /**
   * Commits a version record, with the documents registered alongside it (its run record and its
   * evaluation), once its release is published and verified. A version record is written once.
   */
  async recordVersion(record, attachments) {
    const path = registryPaths.version(record.model, record.version);
    const { commit } = await updateBranch(this.store, this.branch, async (snapshot) => {
      if (await snapshot.read(path) !== void 0) throw new Error(`${this.where(path)} exists already: version records are never rewritten`);
      const files = [this.document(VersionRecord, path, record)];
      if (attachments.run) {
        const runPath = registryPaths.run(record.model, checkRunId(attachments.run.id));
        if (await snapshot.read(runPath) === void 0) files.push(this.document(RunRecord, runPath, attachments.run));
      }
      if (attachments.evaluation) files.push({ path: registryPaths.evaluation(record.model, record.version, attachments.evaluation.id), content: attachments.evaluation.content });
      return { files, message: `${record.model}: register v${record.version}`, result: void 0 };
    }, this.options);
    return commit;
  }
  async requireModel(snapshot, model) {
    const record = await this.readDocument(snapshot, registryPaths.model(model), ModelRecord);
    if (!record) throw new ConfigurationError(`there is no model "${model}" in the registry (${this.where(registryPaths.model(model))} does not exist)`, { input: "model" });
    return record;
  }
  async aliases(snapshot, model) {
    const aliases = await this.findAliases(snapshot, model);
    if (!aliases) await this.requireModel(snapshot, model);
    return aliases ?? {};
  }
  /** The model's aliases, or undefined when the model was never registered. */
  async findAliases(snapshot, model) {
    const aliases = await this.readDocument(snapshot, registryPaths.aliases(model), Aliases);
    if (aliases) return aliases;
    return await this.readDocument(snapshot, registryPaths.model(model), ModelRecord) ? {} : void 0;
  }
  async requireVersion(snapshot, model, version) {
    const record = await this.readDocument(snapshot, registryPaths.version(model, version), VersionRecord);
    if (record) {
      if (record.model !== model || record.version !== version) throw new ConfigurationError(`${this.where(registryPaths.version(model, version))} describes ${record.model} v${record.version}`);
      return record;
    }
    const owner = await this.requireModel(snapshot, model);
    if (version > owner.latestVersion) {
      throw new ConfigurationError(`${model} has no version ${version}: its versions go up to v${owner.latestVersion}`, { input: "version" });
    }
    throw new ConfigurationError(`${model} v${version} was never completed (its registration failed or is still running), so it cannot be used`, { input: "version" });
  }
  /** `model@production`: aliases.json and one version record, read at one commit. */
  async resolve(reference) {
    const snapshot = await this.snapshot();
    const { model } = reference;
    if (reference.kind === "version") return { snapshot, record: await this.requireVersion(snapshot, model, reference.version), alias: null };
    if (reference.kind === "alias") {
      const aliases = await this.aliases(snapshot, model);
      const version = aliases[reference.alias];
      if (version === void 0) {
        const held = Object.entries(aliases).map(([stage, number]) => `${stage} \u2192 v${number}`).join(", ");
        throw new ConfigurationError(`no version of ${model} is in ${reference.alias}${held ? ` (${held})` : " (no stage holds a version yet)"}`, { input: "model" });
      }
      return { snapshot, record: await this.requireVersion(snapshot, model, version), alias: reference.alias };
    }
    return { snapshot, record: await this.latestVersion(snapshot, model), alias: null };
  }
  /** The newest completed version: the counter, or a little below it when registrations failed or run. */
  async latestVersion(snapshot, model) {
    const owner = await this.requireModel(snapshot, model);
    const lowest = Math.max(1, owner.latestVersion - LATEST_SEARCH_LIMIT + 1);
    for (let version = owner.latestVersion; version >= lowest; version--) {
      const record = await this.readDocument(snapshot, registryPaths.version(model, version), VersionRecord);
      if (record) return record;
    }
    throw new ConfigurationError(`${model} has no completed version${owner.latestVersion > LATEST_SEARCH_LIMIT ? ` among its last ${LATEST_SEARCH_LIMIT}` : ""}; name one with ${formatReference({ model, kind: "version", version: owner.latestVersion })}`, { input: "model" });
  }
  /** Every model with its aliases: one directory listing, then two files per model. */
  async listModels() {
    const snapshot = await this.snapshot();
    if (snapshot.commit === void 0) return [];
    const names = await this.store.listDirectory(snapshot.commit, MODELS_DIRECTORY) ?? [];
    return mapLimited(names.sort(), READ_CONCURRENCY, async (name) => ({ model: await this.requireModel(snapshot, name), aliases: await this.aliases(snapshot, name) }));
  }
  /** Who changed which stage of a model to what, and when: the git history of its aliases.json. */
  async aliasHistory(model, options = {}) {
    checkModelName(model);
    const path = registryPaths.aliases(model);
    const limit = options.limit ?? 50;
    const commits = await this.store.history(this.branch, path, limit + 1);
    const states = await mapLimited(commits, READ_CONCURRENCY, async (entry) => {
      const content = await this.store.readFile(entry.commit, path);
      return content === void 0 ? {} : parseDocument(Aliases, content, `${this.store.location} ${entry.commit.slice(0, 12)}:${path}`);
    });
    const changes = [];
    for (let index = 0; index < Math.min(commits.length, limit); index++) {
      const after = states[index];
      const before = states[index + 1] ?? {};
      const stages = [.../* @__PURE__ */ new Set([...Object.keys(before), ...Object.keys(after)])].sort();
      const changed = stages.filter((stage) => before[stage] !== after[stage]).map((stage) => ({ stage, from: before[stage] ?? null, to: after[stage] ?? null }));
      const relevant = options.stage ? changed.filter((change) => change.stage === options.stage) : changed;
      if (relevant.length === 0) continue;
      changes.push({ commit: commits[index].commit, author: commits[index].author, committer: commits[index].committer, message: commits[index].message, aliases: after, changes: relevant });
    }
    return changes;
  }
  /**
   * The version that held a stage before the one holding it now, from the history of aliases.json:
   * what a rollback promotes.
   */
  async previousHolder(model, stage) {
    checkStageName(stage);
    const snapshot = await this.snapshot();
    const current = (await this.aliases(snapshot, model))[stage];
    if (current === void 0) throw new ConfigurationError(`no version of ${model} is in ${stage}: there is nothing to roll back`, { input: "stage" });
    const path = registryPaths.aliases(model);
    for (const entry of await this.store.history(this.branch, path, 100)) {
      const content = await this.store.readFile(entry.commit, path);
      const holder = content === void 0 ? void 0 : parseDocument(Aliases, content, `${this.store.location} ${entry.commit.slice(0, 12)}:${path}`)[stage];
      if (holder !== void 0 && holder !== current) return { version: holder, current, commit: entry.commit };
    }
    throw new ConfigurationError(`${model} v${current} is the only version ${stage} has held in the last 100 changes of its aliases: there is nothing to roll back to`, { input: "stage" });
  }
  /** For the train step: the version serving production now, or null. */
  async productionVersion(model) {
    const snapshot = await this.snapshot();
    const aliases = await this.readDocument(snapshot, registryPaths.aliases(checkModelName(model)), Aliases);
    return aliases?.production ?? null;
  }
  /** For the train step: commits runs/<model>/<id>.json unless it is there already. */
  async commitRun(record) {
    const path = registryPaths.run(checkModelName(record.model), checkRunId(record.id));
    await updateBranch(this.store, this.branch, async (snapshot) => ({
      files: await snapshot.read(path) === void 0 ? [this.document(RunRecord, path, record)] : [],
      message: `${record.model}: run ${record.id}`,
      result: void 0
    }), this.options);
    return this.where(path);
  }
  /**
   * For drift-check: files a drift report under drift/<model>/<environment>/ by its time, and as
   * latest.json, in one commit, so the app sees history and the newest state together.
   */
  async recordDriftReport(model, environment, report) {
    checkModelName(model);
    checkStageName(environment, "environment");
    const content = serializeDocument(DriftReport, report);
    const stamp = new Date(report.createdAt).toISOString().replace(/[-:]/g, "");
    const path = registryPaths.drift(model, environment, `${stamp}-${sha256Hex(content).slice(0, 8)}`);
    const { commit } = await updateBranch(this.store, this.branch, async () => ({
      files: [{ path, content }, { path: registryPaths.latestDrift(model, environment), content }],
      message: `${model}: drift report for ${environment}`,
      result: void 0
    }), this.options);
    return { path, commit };
  }
};
async function mapLimited(items, limit, work) {
  const results = new Array(items.length);
  let next = 0;
  const workers = Array.from({ length: Math.min(limit, items.length) }, async () => {
    while (next < items.length) {
      const index = next++;
      results[index] = await work(items[index]);
    }
  });
  await Promise.all(workers);
  return results;
}

export {
  createOctokit,
  targetFromEnvironment,
  statusOf,
  readRepositoryFile,
  explainGitHubError,
  driftMethods,
  DriftMethod,
  DriftConfig,
  DriftReport,
  ModelName,
  VersionNumber,
  ModelRecord,
  Aliases,
  PackageManifest,
  VersionRecord,
  EvaluationSummary,
  PackageMetrics,
  deploymentStrategies,
  Policy,
  POLICY_PATH,
  loadPolicy,
  registryBranchOf,
  GitHubPullRequests,
  GitHubPolicySource,
  GitHubDeploymentHistory,
  DEFAULT_REGISTRY_BRANCH,
  registryPaths,
  releaseTag,
  promotionBranch,
  promotionBranchPrefix,
  checkModelName,
  checkStageName,
  FileFingerprint,
  DataProfile,
  RunRecord,
  serializeDocument,
  parseDocument,
  parseModelReference,
  formatReference,
  parseVersion,
  snapshotAt,
  Registry,
  GitHubRegistryStore
};
