<div id="okta-login-container"></div>
<script src="https://global.oktacdn.com/okta-signin-widget/5.1.0/js/okta-sign-in.min.js" type="text/javascript"></script>
<script type="text/javascript">
  // Included by the CMS into the portal's sign-in page.
  var oktaSignIn = new OktaSignIn({ baseUrl: 'https://acme.okta.com', el: '#okta-login-container' }); // want OIE004:20 "before 5.2.0.*widget 5.1.0, from the widget's script src on line 2"
  oktaSignIn.renderEl({}, function (res) { // want OIE005:14 "showSignIn needs widget 5.5.0"
    if (res.status === 'SUCCESS') {
      window.location.href = '/portal';
    }
  });
</script>
