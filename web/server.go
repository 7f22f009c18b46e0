// Package web is the HTTP layer: fiber routes, middleware, one handler file
// per area, and the socket hub. It decodes and authorises, then calls app.
package web

import (
	"animalgenius/app/devices"
	"context"
	"io/fs"
	"log/slog"
	"net"
	"net/http"
	"sync"

	"github.com/gofiber/fiber/v2"
	"github.com/prometheus/client_golang/prometheus"
	"github.com/valyala/fasthttp"

	"animalgenius/app/accounts"
	"animalgenius/app/achievements"
	"animalgenius/app/classes"
	"animalgenius/app/config"
	"animalgenius/app/economy"
	"animalgenius/app/firsthour"
	"animalgenius/app/game"
	"animalgenius/app/insight"
	"animalgenius/app/lessons"
	"animalgenius/app/ops"
	"animalgenius/app/privacy"
	"animalgenius/app/questionimages"
	"animalgenius/app/reach"
	"animalgenius/app/students"
	"animalgenius/app/uploads"
	"animalgenius/app/values"
	"animalgenius/web/clientaddr"
	"animalgenius/web/hub"
)

// Deps is everything the web layer needs; the serve command wires it.
type Deps struct {
	Config   config.Config
	Logger   *slog.Logger
	UI       fs.FS
	Registry *prometheus.Registry
	// Ready reports why the appliance cannot serve yet (nil when ready).
	Ready func(ctx context.Context) error
	// Accounts is identity and sessions (teachers, admins, students).
	Accounts *accounts.Service
	// Economy is coins, store, avatars and pets; Uploads the admin's
	// pictures; ImageExists tells whether a store item image path exists.
	Economy     *economy.Service
	Uploads     *uploads.Service
	ImageExists func(path string) bool
	// QuestionImages are the teachers' question pictures (nil: none).
	QuestionImages *questionimages.Service
	// Hub is the box's socket hub (served at /ws).
	Hub *hub.Hub
	// Games are the live games; GameLibrary the question sets and results.
	Games       *game.Manager
	GameLibrary *game.Library
	// Students gives a student's name and animal to a game joined from a
	// student session (nil: only nickname joins).
	Students game.Players
	// Rewards pays game coins through the ledger (nil: no coin awards).
	Rewards game.Rewards
	// Insight is the teacher insight of classes and the live board.
	Insight *insight.Service
	// Classes and StudentService are the classes area: classes, joining,
	// the quiz submission, passports and rosters.
	Classes        *classes.Service
	StudentService *students.Service
	// Lessons is the Learning Lounge, Values the class values vote and
	// Achievements what students earned (nil: the area is off).
	Lessons      *lessons.Service
	Values       *values.Service
	Achievements *achievements.Service
	// Reach is how pupils' devices reach the box, for the links they open
	// (nil: server.public_url or the request's own address, no LAN detection).
	Reach *reach.Finder
	// FirstHour gathers the facts of the admin's first-hour checklist
	// (nil: no checklist); the address comes from Reach.
	FirstHour func(ctx context.Context) (firsthour.Facts, error)
	// Privacy makes the exports of a student and of the whole school.
	Privacy *privacy.Service
	// Devices signs the device cookies of known devices (nil: every
	// device is unknown).
	Devices *devices.Signer
	// DiskFull tells whether an error comes from a full disk (answered 507
	// disk_full); FreeDisk reports the free bytes of the data directory's
	// disk (uploads are refused below server.min_free_disk_mb). Either may
	// be nil.
	DiskFull func(error) bool
	FreeDisk func() (uint64, error)
	// BackupStatus is the last good backup and off-box copy, for the
	// admin's Box page (nil: not shown).
	BackupStatus func() ops.BackupStatus
}

// Server is the HTTP server of the appliance.
type Server struct {
	app        *fiber.App
	cfg        config.Config
	log        *slog.Logger
	deps       Deps
	static     *staticFiles
	metrics    *httpMetrics
	quietPaths map[string]bool
	proxies    *clientaddr.Resolver
	accounts   *accounts.Service
	economy    *economy.Service
	uploads    *uploads.Service
	qimages    *questionimages.Service
	hub        *hub.Hub
	games      *game.Manager
	library    *game.Library
	reach      *reach.Finder
	// proxied is whether any proxy is trusted (server.trusted_proxies):
	// without one no proxy header is believed (see proto and host).
	proxied bool

	mu          sync.Mutex
	onShutdown  []func()
	topicChecks map[string]TopicCheck
}

// New builds the server and its routes.
func New(d Deps) (*Server, error) {
	static, err := loadStatic(d.UI)
	if err != nil {
		return nil, err
	}
	s := &Server{cfg: d.Config, log: d.Logger, deps: d, static: static, accounts: d.Accounts, economy: d.Economy, uploads: d.Uploads,
		qimages: d.QuestionImages, hub: d.Hub, games: d.Games, library: d.GameLibrary,
		quietPaths: map[string]bool{"/healthz": true, "/readyz": true, "/metrics": true}}
	if d.Registry != nil {
		s.metrics = newHTTPMetrics(d.Registry)
	}
	s.reach = d.Reach
	if s.reach == nil {
		s.reach = reach.New(reach.Options{PublicURL: d.Config.Server.PublicURL, Detect: reach.None})
	}
	fc := fiber.Config{
		AppName:               "animalgenius",
		DisableStartupMessage: true,
		BodyLimit:             d.Config.Server.BodyLimit,
		ReadTimeout:           d.Config.Server.ReadTimeout.Duration,
		WriteTimeout:          d.Config.Server.WriteTimeout.Duration,
		IdleTimeout:           d.Config.Server.IdleTimeout.Duration,
		ErrorHandler:          s.errorHandler,
		// Bounded per-connection buffers: an outsider cannot make us allocate
		// big headers (8 KiB: a browser may send a 4 KB cookie).
		ReadBufferSize: 8192,
		// An answer goes out in one write when it fits the write buffer with
		// its headers. At fasthttp's 4 KiB, a class of 30's roster (7 KB) or
		// its analytics (4 KB and headers) took two write syscalls; at 16 KiB
		// they, and a gzipped roster of 500 (13 KB), take one. A socket gives
		// the buffer back when it is upgraded, so a live game's memory is the
		// same (docs/PERFORMANCE.md, issue 19).
		WriteBufferSize: 16 << 10,
		// Connections keep their read and write buffers between requests
		// (ReduceMemoryUsage off). With it on, fasthttp gave them back after
		// every request and read the next one's first byte alone: one more
		// read syscall per request, a tenth of the server's CPU on cached
		// reads. The price is the buffers of idle keep-alive connections and
		// of upgraded sockets, which keep the 8 KiB read buffer for their
		// life: a 5,000-player game peaks about 70 MB higher
		// (docs/PERFORMANCE.md, issue 19).
	}
	// X-Forwarded-Proto and -Host count only from trusted proxies: with the
	// check on and no proxies configured, fiber believes no one. The client
	// address is never fiber's c.IP() (a string into a reused buffer) but
	// s.clientAddr (clientaddr.Resolver, a netip.Addr).
	fc.EnableTrustedProxyCheck = true
	fc.TrustedProxies = d.Config.Server.TrustedProxies
	proxies, err := clientaddr.New(d.Config.Server.TrustedProxies)
	if err != nil {
		return nil, err
	}
	s.proxies = proxies
	s.proxied = len(d.Config.Server.TrustedProxies) > 0
	s.app = fiber.New(fc)
	if d.Uploads != nil {
		// Picture uploads may be larger than every other request: raise the
		// limit for that one path only, from the headers, before the body is read.
		uploadLimit := d.Uploads.Limits().MaxBytes + 64<<10
		s.app.Server().HeaderReceived = func(h *fasthttp.RequestHeader) fasthttp.RequestConfig {
			if string(h.Method()) == fiber.MethodPost && isUploadPath(string(h.RequestURI())) && uploadLimit > fc.BodyLimit {
				return fasthttp.RequestConfig{MaxRequestBodySize: uploadLimit}
			}
			return fasthttp.RequestConfig{}
		}
	}
	s.routes()
	return s, nil
}

// routes registers the middleware and every surface's route table (one
// file each: routes_auth.go, routes_student.go, routes_teacher.go,
// routes_game.go, routes_admin.go, routes_sockets.go).
func (s *Server) routes() {
	a := s.app
	a.Use(newRequestID(), s.logAndMeasure, s.recoverPanics, s.csrf)

	a.Get("/healthz", noStore, s.healthz)
	a.Get("/readyz", noStore, s.readyz)
	if s.deps.Registry != nil {
		a.Get("/metrics", s.metricsHandler(s.deps.Registry))
	}
	if s.cfg.Metrics.Profiling {
		a.Use(loopbackProfiling())
	}

	api := a.Group("/api/v1", noStore)
	s.routesAuth(api)
	s.routesStudent(api)
	s.routesTeacher(api)
	s.routesGame(api)
	s.routesAdmin(api)
	api.All("/*", func(c *fiber.Ctx) error { return errNotFound() })

	if s.uploads != nil {
		// Processed uploads (store item pictures): for signed-in people of
		// the school only; their names are content hashes, so they never
		// change, but they are cached privately (admin_uploads.go).
		a.Get("/uploads/:name", s.uploadFile)
	}
	for _, prefix := range []string{"/assets", "/vendor", "/art"} {
		a.Get(prefix+"/*", s.static.asset)
	}
	s.routesSockets(a)
	a.Get("/favicon.ico", func(c *fiber.Ctx) error { return c.Redirect("/assets/favicon.svg", http.StatusMovedPermanently) })
	// Every other GET is a page of the single-page UI.
	a.Get("/*", withBrowserID, s.static.page)
}

// Handler exposes the fiber app for in-process tests (app.Test).
func (s *Server) App() *fiber.App { return s.app }

// Serve answers requests on ln until Shutdown.
func (s *Server) Serve(ln net.Listener) error {
	return s.app.Listener(ln)
}

// OnShutdown registers fn to run when the server shuts down, before open
// requests are drained (e.g. telling sockets the server is stopping).
func (s *Server) OnShutdown(fn func()) {
	s.mu.Lock()
	s.onShutdown = append(s.onShutdown, fn)
	s.mu.Unlock()
}

// Shutdown stops accepting connections, tells sockets, and waits for open
// requests until ctx ends.
func (s *Server) Shutdown(ctx context.Context) error {
	s.mu.Lock()
	hooks := s.onShutdown
	s.mu.Unlock()
	for _, fn := range hooks {
		fn()
	}
	return s.app.ShutdownWithContext(ctx)
}

// The probes' answers never change: their bytes are made once.
var (
	healthzBody = []byte(`{"status":"ok"}`)
	readyzBody  = []byte(`{"status":"ready"}`)
)

func (s *Server) healthz(c *fiber.Ctx) error {
	return sendJSONBytes(c, healthzBody)
}

func (s *Server) readyz(c *fiber.Ctx) error {
	if s.deps.Ready != nil {
		if err := s.deps.Ready(c.UserContext()); err != nil {
			return writeError(c, Err(http.StatusServiceUnavailable, "not_ready", err.Error()))
		}
	}
	return sendJSONBytes(c, readyzBody)
}

// Version information is set by the serve command.
var (
	Version = "dev"
)

func (s *Server) version(c *fiber.Ctx) error {
	return c.JSON(fiber.Map{"version": Version})
}
