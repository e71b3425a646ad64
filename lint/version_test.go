package lint

import "testing"

func TestParseVersionRange(t *testing.T) {
	tests := []struct {
		in   string
		want string // "" when it must fail
	}{
		{"5.16.1", "5.16.1"},
		{"v7.20.0", "7.20.0"},
		{"7.20", "7.20.0"},
		{"7", "7.0.0"},
		{"^5.16.0", "5.16.0"},
		{"~6.9.1", "6.9.1"},
		{">=5.2.0 <7", "5.2.0"},
		{"<7", "0.0.0"},
		{"5.x", "5.0.0"},
		{"5.2.0 - 6", "5.2.0"},
		{"^6 || ^5.4", "5.4.0"},
		{"7.20.0-beta.1", "7.20.0"},
		{"=7.1.0", "7.1.0"},
		{"^7", "7.0.0"},
		{"*", ""},
		{"latest", ""},
		{"", ""},
		{"git+https://github.com/okta/okta-signin-widget.git", ""},
		{"workspace:*", ""},
		{"1.2.3.4", ""},
		{"x", ""},
		{"-1", ""},
	}
	for _, tt := range tests {
		v, ok := ParseVersionRange(tt.in)
		if tt.want == "" {
			if ok {
				t.Errorf("ParseVersionRange(%q) = %v, want failure", tt.in, v)
			}
			continue
		}
		if !ok || v.String() != tt.want {
			t.Errorf("ParseVersionRange(%q) = %v, %v; want %s", tt.in, v, ok, tt.want)
		}
	}
}

func TestVersionOrder(t *testing.T) {
	v := Version{6, 9, 0}
	if !v.AtLeast(5, 2, 0) || v.AtLeast(7, 0, 0) || !v.AtLeast(6, 9, 0) || !(Version{5, 16, 1}).Less(v) {
		t.Error("version comparison is wrong")
	}
}
