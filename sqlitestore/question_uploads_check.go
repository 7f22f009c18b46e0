package sqlitestore

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
)

// checkQuestionPictures: every question (of a set or of a played game)
// that shows a picture points at a finished upload of the set's owner or
// the game's host, and that picture's files are in the uploads folder.
func (s *Store) checkQuestionPictures(ctx context.Context) ([]string, error) {
	rows, err := s.Reader.QueryContext(ctx, `
		SELECT 'set', q.set_id, q.position, q.image_id, qs.owner_id, u.owner_id, coalesce(u.status, ''), coalesce(u.file, ''), coalesce(u.thumb, '')
		FROM set_questions q JOIN question_sets qs ON qs.id = q.set_id
		LEFT JOIN question_uploads u ON u.id = q.image_id
		WHERE q.image_id IS NOT NULL
		UNION ALL
		SELECT 'game', q.game_id, q.position, q.image_id, g.host_id, u.owner_id, coalesce(u.status, ''), coalesce(u.file, ''), coalesce(u.thumb, '')
		FROM game_questions q JOIN games g ON g.id = q.game_id
		LEFT JOIN question_uploads u ON u.id = q.image_id
		WHERE q.image_id IS NOT NULL`)
	if err != nil {
		return nil, fmt.Errorf("store: unable to check question pictures: %w", err)
	}
	defer rows.Close()
	dir := filepath.Join(filepath.Dir(s.Path), "uploads")
	var problems []string
	for rows.Next() {
		var kind, status, file, thumb string
		var id, position, image, owner int64
		var uploader *int64
		if err := rows.Scan(&kind, &id, &position, &image, &owner, &uploader, &status, &file, &thumb); err != nil {
			return nil, fmt.Errorf("store: unable to check question pictures: %w", err)
		}
		at := fmt.Sprintf("%s %d question %d: picture %d", kind, id, position+1, image)
		switch {
		case uploader == nil:
			problems = append(problems, at+" does not exist")
		case *uploader != owner:
			problems = append(problems, fmt.Sprintf("%s belongs to account %d, not to account %d", at, *uploader, owner))
		case status != "done":
			problems = append(problems, fmt.Sprintf("%s is not finished (%s)", at, status))
		default:
			for _, name := range []string{file, thumb} {
				if fi, err := os.Stat(filepath.Join(dir, name)); err != nil || !fi.Mode().IsRegular() {
					problems = append(problems, fmt.Sprintf("%s: the file uploads/%s is missing", at, name))
				}
			}
		}
		if len(problems) >= 100 {
			break
		}
	}
	return problems, rows.Err()
}
