export const orgOnly = { baseUrl: 'https://example.okta.com' };
