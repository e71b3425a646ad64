resource "okta_preview_signin_page" "acme" {
  brand_id       = var.brand_id
  widget_version = "7.14"
  page_content   = <<-EOT
    <!DOCTYPE html PUBLIC "-//W3C//DTD HTML 4.01//EN" "http://www.w3.org/TR/html4/strict.dtd">
    <html>
    <head>
        <meta http-equiv="Content-Type" content="text/html; charset=UTF-8">
        <meta name="viewport" content="width=device-width, initial-scale=1.0" />
        <meta name="robots" content="noindex,nofollow" />
        <link href="{{themedStylesUrl}}" rel="stylesheet" type="text/css">
        <link rel="shortcut icon" href="{{faviconUrl}}" type="image/x-icon"/>

        <title>{{pageTitle}}</title>
        {{{SignInWidgetResources}}}
    </head>
    <body>
        <div id="login-bg-image-id" class="login-bg-image tb--background"></div>
        <div id="okta-login-container"></div>

        {{{OktaUtil}}}

        <script type="text/javascript" nonce="{{nonceValue}}">
            var config = OktaUtil.getSignInWidgetConfig();
            config.logo = `$${window.location.origin}/logo.svg`;

            var oktaSignIn = new OktaSignIn(config);
            oktaSignIn.on('afterError', function (context, error) {
                console.log(error.message, error);
            });
            oktaSignIn.renderEl({ el: '#okta-login-container' });
        </script>
    </body>
    </html>
  EOT
}

resource "okta_customized_signin_page" "computed" {
  brand_id       = var.brand_id
  widget_version = "7.14"
  page_content   = "<html>${var.extra_head}{{{SignInWidgetResources}}}</html>"
}

# Indented with tabs, closed by a differently indented word.
resource "okta_customized_signin_page" "tabs" {
	brand_id       = var.brand_id
	widget_version = "7.14"
	page_content   = <<-HTML
		<!DOCTYPE html PUBLIC "-//W3C//DTD HTML 4.01//EN" "http://www.w3.org/TR/html4/strict.dtd">
		<html>
		<head>
		    <meta http-equiv="Content-Type" content="text/html; charset=UTF-8">
		    <meta name="viewport" content="width=device-width, initial-scale=1.0" />
		    <meta name="robots" content="noindex,nofollow" />
		    <!-- Styles generated from theme -->
		    <link href="{{themedStylesUrl}}" rel="stylesheet" type="text/css">
		    <!-- Favicon from theme -->
		    <link rel="shortcut icon" href="{{faviconUrl}}" type="image/x-icon"/>

		    <title>{{pageTitle}}</title>
		    {{{SignInWidgetResources}}}

		    <style nonce="{{nonceValue}}">
		        {{#useSiwGen3}}
		        html {
		            font-size: 87.5%;
		        }
		        {{/useSiwGen3}}

		        #login-bg-image-id {
		            background-image: {{bgImageUrl}}
		        }
		    </style>
		</head>
		<body>
		    <div id="login-bg-image-id" class="login-bg-image tb--background"></div>
		    <div id="okta-login-container"></div>

		    <script type="text/javascript" nonce="{{nonceValue}}">
		        // "config" object contains default widget configuration
		        // with any custom overrides defined in your admin settings.
		        var config = OktaUtil.getSignInWidgetConfig();
		        config.i18n = { en: { 'primaryauth.title': 'Sign in to Acme' } };

		        // Render the Okta Sign-In Widget
		        var oktaSignIn = new OktaSignIn(config);
		        oktaSignIn.renderEl({ el: '#okta-login-container' },
		            OktaUtil.completeLogin,
		            function(error) {
		                // Logs errors that occur when configuring the widget.
		                // Remove or replace this with your own custom error handler.
		                console.log(error.message, error);
		            }
		        );
		    </script>
		</body>
		</html>
	HTML
}
