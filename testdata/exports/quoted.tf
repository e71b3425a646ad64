# Sign-in page of the Acme brand.
resource "okta_brand" "acme" {
  name = "Acme"
}

resource "okta_customized_signin_page" "acme" {
  brand_id       = okta_brand.acme.id
  page_content   = "<!DOCTYPE html PUBLIC \"-//W3C//DTD HTML 4.01//EN\" \"http://www.w3.org/TR/html4/strict.dtd\">\n<html>\n<head>\n    <meta http-equiv=\"Content-Type\" content=\"text/html; charset=UTF-8\">\n    <title>{{pageTitle}}</title>\n    {{{SignInWidgetResources}}}\n</head>\n<body>\n    <div id=\"okta-login-container\"></div>\n    {{{OktaUtil}}}\n    <script type=\"text/javascript\" nonce=\"{{nonceValue}}\">\n        var config = OktaUtil.getSignInWidgetConfig();\n        var oktaSignIn = new OktaSignIn(config);\n        oktaSignIn.renderEl({ el: '#okta-login-container' },\n            function (res) {\n                if (res.status === 'SUCCESS') {\n                    res.session.setCookieAndRedirect('https://acme.com/app');\n                }\n            },\n            function (error) {\n                console.log(error.message, error);\n            }\n        );\n    </script>\n</body>\n</html>\n"
  widget_version = "^6"
  widget_customizations {
    widget_generation = "G3"
  }
  content_security_policy_setting {
    mode       = "report_only"
    report_uri = ""
    src_list   = ["https://idp.example.com/authorize"]
  }
}
