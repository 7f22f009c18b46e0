// Package apptest is the test app: the real appliance on a temp data
// directory and a free loopback port (Start), with HTTP, WebSocket and
// browser clients, scenario tables (Scenario, App.Run) and fixtures. The
// end-to-end tests in web/ and the load tool's tests use it.
package apptest
