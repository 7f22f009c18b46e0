package app

import (
	"context"
	"encoding/json"

	"animalgenius/app/jobs"
	"animalgenius/app/questionimages"
	"animalgenius/app/uploads"
)

// newQuestionImages builds the teachers' question pictures over the
// upload pipeline and registers their job with the runner.
func (a *App) newQuestionImages() *questionimages.Service {
	svc := questionimages.NewService(a.store, questionPipeline{a.uploads}, a.runner, a.cfg.Uploads.QuestionPicturesPerDay)
	a.runner.Handle(questionimages.JobKind, svc.HandleJob)
	return svc
}

// questionPipeline adapts the upload pipeline to the question pictures
// (the store imports questionimages, so it cannot import uploads).
type questionPipeline struct{ u *uploads.Service }

func (p questionPipeline) Park(data []byte, contentType, fileName string) ([]byte, func(), error) {
	parked, err := p.u.Park(data, contentType, fileName)
	if err != nil {
		return nil, nil, err
	}
	return parked.Payload, parked.Discard, nil
}

func (p questionPipeline) HandleJob(ctx context.Context, job *jobs.Job, progress func(int)) (questionimages.Result, error) {
	out, err := p.u.HandleJob(ctx, job, progress)
	if err != nil {
		return questionimages.Result{}, err
	}
	var r uploads.Result
	if err := json.Unmarshal([]byte(out), &r); err != nil {
		return questionimages.Result{}, jobs.Permanent(err)
	}
	return questionimages.Result{Image: r.Image, Thumb: r.Thumb}, nil
}

func (p questionPipeline) Failure(lastError string) (string, string) {
	return uploads.Failure(lastError)
}
