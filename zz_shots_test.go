package main

import (
	"fmt"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

func TestZZShots(t *testing.T) {
	app := startApp(t, nil)
	_, teacher := app.Teacher("maria@school.test")
	class := app.CreateClass(teacher, "Room 7")
	var last apiStudent
	for i, p := range []string{"ISTP", "INTP", "ESFP", "ENFJ", "ISFJ", "ESTJ", "INFP", "ENTP", "INFJ", "ESTP", "ISFP", "ENTJ"} {
		_, last = app.Join(class.Code, fmt.Sprintf("Kid%c", 'A'+i), "B", answersAt(p, []string{"visual", "auditory", "kinesthetic"}[i%3]))
	}
	b := newBrowser(t)
	b.loginTeacher(app.URL, "maria@school.test")
	app.Join(class.Code, "Zed", "Q", answersAt("INTJ", "visual"))
	b.Run("home", chromedp.Navigate(app.URL+"/teacher"), chromedp.Sleep(1500*time.Millisecond))
	b.screenshot("home")
	b.Run("class", chromedp.Navigate(fmt.Sprintf("%s/teacher/classes/%d", app.URL, class.ID)), chromedp.Sleep(1500*time.Millisecond))
	b.screenshot("class")
	for _, p := range []string{fmt.Sprintf("students/%d", last.ID)} {
		b.Run(p, chromedp.Navigate(fmt.Sprintf("%s/teacher/classes/%d/%s", app.URL, class.ID, p)), chromedp.Sleep(1500*time.Millisecond))
		if p == "groups" {
			b.Run("mk", chromedp.Click(`//button[contains(., "Make groups")]`, chromedp.BySearch), chromedp.Sleep(800*time.Millisecond))
		}
		b.screenshot(fmt.Sprintf("%d", len(p)) + p[:3])
	}
	t.Log(b.consoleErrors())
}
