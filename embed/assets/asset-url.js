// Content-hashed URLs of the UI's files that code names at run time (an
// animal's art, a store item's picture, a pet's mood). The server fills the
// map in at start (web/static.go), so browsers may keep those files for a
// year without asking again. A path the map lacks (an upload, a file served
// without the Go server) comes back as it is.
const HASHED = {/*asset map*/};

/** The URL to load a UI file by, e.g. /art/animals/owl.svg -> /art/animals/owl.<hash>.svg. */
export function assetURL(path) {
  return (path && HASHED[path]) || path;
}
