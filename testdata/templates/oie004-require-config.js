// fixture-widget-version: 5.16
'use strict';

const OktaSignIn = require('@okta/okta-signin-widget');
const { loadWidgetConfig } = require('./widget-config');

const base = {
  baseUrl: 'https://acme.okta.com',
  clientId: '0oa1b2c3d4e5f6g7h8i9',
  redirectUri: 'https://portal.acme.example/login/callback',
};

// Set after the literal: counts as set.
const config = {
  baseUrl: base.baseUrl,
  clientId: base.clientId,
};
config.useInteractionCodeFlow = true;
const portalWidget = new OktaSignIn(config);

// A spread of a literal of this file is followed: base does not set it.
const adminWidget = new OktaSignIn({ ...base, el: '#admin-sign-in' }); // want OIE004:21 "does not set useInteractionCodeFlow"

// Configurations this file does not show are not reported.
const partnerWidget = new OktaSignIn(loadWidgetConfig('partner'));
const kioskConfig = { baseUrl: base.baseUrl };
Object.assign(kioskConfig, loadWidgetConfig('kiosk'));
const kioskWidget = new OktaSignIn(kioskConfig);
const useInteractionCodeFlow = process.env.OKTA_IDX !== 'false';
const labWidget = new OktaSignIn({ ...base, useInteractionCodeFlow });

// An empty literal gets the option in braces of its own.
const emptyWidget = new OktaSignIn({}); // want OIE004:21

module.exports = { portalWidget, adminWidget, partnerWidget, kioskWidget, labWidget, emptyWidget };
