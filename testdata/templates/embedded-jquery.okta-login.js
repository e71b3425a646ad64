/*!
 * jquery.okta-login.js - renders the Okta Sign-In Widget into the selected element.
 * fixture-widget-version: 5.16
 */
(function ($, window) {
  'use strict';

  var defaults = {
    baseUrl: 'https://acme.okta.com',
    logo: '/img/acme-logo.svg',
    redirect: '/portal'
  };

  $.fn.oktaLogin = function (options) {
    var settings = $.extend({}, defaults, options);
    var $el = this;
    var widget = new OktaSignIn({ // want OIE004:18 "widget 5.16.0"
      baseUrl: settings.baseUrl,
      logo: settings.logo,
      features: {
        registration: true, // want OIE006:9 "features.registration"
        rememberMe: true, // want OIE006:9 "features.rememberMe"
        multiOptionalFactorEnroll: true, // want OIE006:9 "authenticator enrollment policy"
        hideSignOutLinkInMFA: true,
        router: false
      },
      idpDiscovery: { requestContext: settings.redirect }, // want OIE006:7 "routing rule"
      registration: {
        parseSchema: function (schema, onSuccess) { // want OIE006:9 "registration.parseSchema"
          schema.profileSchema.properties.employeeId = { type: 'string', title: 'Employee ID' };
          onSuccess(schema);
        },
        click: function () {
          window.location.href = '/register';
        }
      },
      processCreds: function (creds, callback) { // want OIE006:7 "processCreds"
        $el.trigger('okta:credentials', [creds.username]);
        callback();
      }
    });

    widget.renderEl({ el: $el[0] }, onSuccess, function (err) { // want OIE005:12
      $el.trigger('okta:error', [err]);
    });

    function onSuccess(res) {
      switch (res.type) {
        case 'SESSION_STEP_UP': // want OIE006:14 "'SESSION_STEP_UP' is a Classic response type.*only the name ties this to Okta"
          res.stepUp.finish(); // want OIE006:15 "res.stepUp"
          return;
        case 'SESSION_SSO': // want OIE006:14 "'SESSION_SSO'"
          break;
      }
      if (res.status === 'MFA_ENROLL') {
        res.next(); // want OIE006:13 "res.next"
        return;
      }
      if (res.status === 'SUCCESS') {
        res.session.setCookieAndRedirect(settings.redirect); // want OIE001:21
      }
    }
    return this;
  };
}(jQuery, window));
