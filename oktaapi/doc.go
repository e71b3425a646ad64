// Package oktaapi reads an Okta org's sign-in and error pages through the
// Management API, and nothing else: it is the read-only half of an audit.
//
// The client sends GET requests only; its transport refuses any other
// method before it leaves the process, so no bug in a caller can change the
// org. It follows the API's `Link: <...>; rel="next"` pagination on the
// org's own origin, waits out rate limits (429 with X-Rate-Limit-Reset)
// and retries transient failures within fixed bounds, and turns the
// statuses an auditor meets (401, 403, 404) into one sentence each. The
// token is sent as a header and never appears in an error: errors name the
// request path and the cause, nothing the server or the caller supplied as
// a secret.
//
// Sources (Okta developer documentation, developer.okta.com):
//   - API paths and schemas: the CustomPages and Brands tags of the
//     Management API (okta/okta-management-openapi-spec,
//     dist/current/management-oneOfInheritance.yaml): GET /api/v1/brands,
//     GET /api/v1/brands/{brandId}/pages/sign-in/{customized,preview,default},
//     GET /api/v1/brands/{brandId}/pages/error/{customized,preview,default};
//     scope okta.brands.read. deleteCustomizedSignInPage and
//     deleteCustomizedErrorPage: without a customized page the default is
//     used (so a 404 for it means the default is in use).
//   - Pagination: docs/api/ ("Pagination": the next page's URL is in a
//     Link header with rel="next").
//   - Rate limits: docs/reference/rl-best-practices/ ("X-Rate-Limit-Reset -
//     the time at which the rate limit resets, specified in UTC epoch time
//     (in seconds)").
//   - Tokens: docs/guides/create-an-api-token/ ("Authorization: SSWS
//     {token}") and OAuth 2.0 access tokens for the Management API
//     ("Authorization: Bearer {token}", docs/guides/implement-oauth-for-okta/).
//
// DirNames gives each brand a folder name that every common file system
// accepts and no other brand shares (see SafeName); WriteFile writes a page
// there atomically.
package oktaapi
