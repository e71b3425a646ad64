// Package jsmodel is the one reading of a file's JavaScript that every rule
// shares: Of(f) builds it once per file from the token streams of package
// jsscan and caches it on the file.
//
// # What it knows
//
//   - Scopes and bindings: every function (declarations, expressions,
//     arrows, methods) opens a scope; var, let, const, function names,
//     parameters, destructuring patterns and imports are bindings. A name
//     resolves to the nearest enclosing scope that declares it, else to the
//     global scope, which all scripts of a page share. var, let and const
//     are all treated as function-scoped.
//   - Functions: the functions declared by name (FunctionNamed), the
//     function an argument passes, inline or by name (FunctionPassed), and the
//     functions passed as callbacks to the widget and the auth client.
//   - Member chains: a.b?.c['d'] with literal brackets and optional
//     chaining (Member, ChainRoot), calls inside a chain (x.f().g).
//   - Object literals (Object, Prop, ReadProps): their entries, keys as
//     written (quoted, ['bracketed'], dotted 'features.router'), spreads
//     and methods; whether a '{' is a literal at all (IsObjectLiteral) or
//     a parameter pattern; spreads and Object.assign copies of the hosted
//     widget configuration.
//   - Widgets (WidgetsOf, built on first use from the Model): every
//     new OktaSignIn(...) through any name of the constructor, and the
//     configuration each gets (Config): an object literal, or a Ref (a
//     binding, or a member path on one: this.config, a class field, a
//     TypeScript parameter property) and the values the file assigns to
//     it, and the names the model traces to the hosted configuration
//     (copies, aliases, parameters). Later writes to a configuration
//     (config.x = v, config.a.b = v, config['features.router'] = v, the
//     keys of literals copied in by Object.assign(config, { ... })) are
//     Writes; a configuration handed to other code (Object.assign(config,
//     other) with other untraced, setup(config), an alias) may change in
//     ways the file does not show. Option answers,
//     for a dotted option name (clientId, features.router,
//     authParams.pkce), whether it is Set, Off (false, !1, null,
//     undefined, void 0), Missing or Unknown, to what literal (Kind) and
//     at which tokens: the last key of a name wins, spreads of literals
//     the file shows are followed, a spread of anything else or a
//     computed key after the last key makes it Unknown, and any value
//     that sets it wins over one that turns it off (statement order is
//     not modelled). ObjectOf gives the one literal a value stands for;
//     RenderEls the renderEl(...) calls.
//   - Okta values (Value), followed through declarations, plain
//     assignments, aliases, destructuring, the parameters of functions the
//     file declares by name, and callbacks:
//     OktaUtil and its getRequestContext() and getSignInWidgetConfig();
//     the OktaSignIn and OktaAuth constructors, global or imported from
//     @okta/okta-signin-widget and @okta/okta-auth-js (import, require,
//     import X = require); new OktaSignIn(...) and new OktaAuth(...);
//     widget.authClient; the response a renderEl success callback, a
//     showSignIn or showSignInToGetTokens .then callback or await receives;
//     the transaction of authClient.signIn and signInWithCredentials
//     (.then or await); and anything read from these (Derived).
//   - Okta context: whether the file is a hosted page (Hosted), and whether
//     it is about Okta at all (OktaFile).
//   - Modules: a file's exports and import bindings with their spans
//     (ModuleOf).
//
// Evidence (EvidenceAt, KeyEvidence) grades a finding's tie to Okta: Strong
// when the value flows from an Okta source above, Weak when only a name
// says so in a file about Okta (it imports an Okta SDK, loads or creates
// the widget, or is a hosted page), none otherwise. Rules about Classic
// names (OIE001, OIE002, OIE005, OIE006) report Strong at their severity,
// Weak at info, and nothing without evidence.
//
// # What it does not know
//
//   - Other files, except across one import: the model of a file knows
//     nothing of another module's values. What a module exports and
//     imports (ModuleOf) and the run's view of the repository
//     (lint.Project, built by NewProject) follow a widget's configuration
//     from `new OktaSignIn(...)` to the module that holds it: an import
//     bound by name, default, namespace member or require (or a key of
//     the literal it names, config.widget), through re-exports
//     (export { x } from, export * from) up to a bound. A specifier is
//     followed when it is relative (ResolveModule), a path alias
//     (Aliases: compilerOptions.paths and baseUrl of the nearest
//     tsconfig.json or jsconfig.json between the file and the root, JSONC
//     read by StandardJSON, with the relative files it extends, or the
//     projects a solution configuration references when they agree), or
//     a package of the monorepo's own workspaces (Workspaces: listed by
//     package.json or pnpm-workspace.yaml, one '*' per directory level;
//     its exports, module, main or index file). The file found must lie
//     inside the repository root, also through symbolic links, and each
//     configuration is read once a run. Installed packages, workspace
//     patterns with '**', aliases no configuration declares (a bundler's
//     own, such as Vite's resolve.alias), computed exports, values passed
//     through functions and an exported object its module changes or
//     hands on (Untouched) are not followed.
//     What a Ref holds comes from one function, Widgets.valuesOf, where a
//     module-level import binding gets the object literal its module
//     exports (ImportedObjectNamed). ConfigUses says, of a configuration
//     module, which linted files create a widget from it, or, when no
//     linted file about Okta imports it, whether an export has the
//     widget's option shape.
//   - Configurations built by code: the result of a call, a loop, a
//     computed key, a spread of a call, an object assigned in two
//     places; each makes the options it may set Unknown, never Missing.
//   - Control flow: a binding has the first Okta value any assignment gives
//     it, whatever branch the assignment is in; a configuration Ref has
//     every value assigned to it anywhere, in no order.
//   - Values by shape: only names followed by scope, never a guess from a
//     name's spelling (a variable called widget is not a widget).
//   - Receivers that are not bindings (this.widget, props.auth): their
//     Okta values are unknown (configurations are followed through
//     this.x, as Refs), except that renderEl's success callback receives
//     the widget's response in a file that loads, imports or creates the
//     widget, since renderEl is the widget's own method.
//
// Everything is bounded (scope depth, parentheses, propagation rounds,
// expression length), so that generated or hostile input stays linear.
//
// The package imports lint and jsscan and no rule.
package jsmodel
