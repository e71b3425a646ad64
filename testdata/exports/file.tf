resource "okta_customized_signin_page" "acme" {
  brand_id       = var.brand_id
  widget_version = "7.7"
  page_content   = file("${path.module}/file-sign-in.html")
}
