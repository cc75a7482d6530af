package server

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"strconv"

	"github.com/gofiber/fiber/v2"
)

// What every handler shares to read its request (a JSON body, an id in the
// path) and to answer a creation.

// decode reads a JSON body into v. Unknown fields are ignored, so an older
// phone and a newer server still understand each other; wrong types, trailing
// garbage and empty bodies are a 400 with code bad_json.
func decode(c *fiber.Ctx, v any) error {
	body := c.Body()
	if len(bytes.TrimSpace(body)) == 0 {
		return errorf(http.StatusBadRequest, "bad_json", "the request body is empty")
	}
	// A body that is one JSON value decodes without a Decoder and its
	// buffer, a third of what a check-in allocated; a Decoder says what is
	// wrong with any other.
	if json.Unmarshal(body, v) == nil {
		return nil
	}
	dec := json.NewDecoder(bytes.NewReader(body))
	if err := dec.Decode(v); err != nil {
		return errorf(http.StatusBadRequest, "bad_json", jsonProblem(err))
	}
	if _, err := dec.Token(); !errors.Is(err, io.EOF) {
		return errorf(http.StatusBadRequest, "bad_json", "unexpected data after the JSON value")
	}
	return nil
}

func jsonProblem(err error) string {
	var te *json.UnmarshalTypeError
	if errors.As(err, &te) {
		return fmt.Sprintf("field %q must be a %s", te.Field, te.Type.String())
	}
	var se *json.SyntaxError
	if errors.As(err, &se) {
		return fmt.Sprintf("malformed JSON at byte %d", se.Offset)
	}
	return "malformed JSON"
}

// idParam reads a positive id from the route; anything else is 404.
func idParam(c *fiber.Ctx, name string) (int64, error) {
	id, err := strconv.ParseInt(c.Params(name), 10, 64)
	if err != nil || id <= 0 {
		return 0, errorf(http.StatusNotFound, "not_found", "no such record")
	}
	return id, nil
}

// created answers 201 with v as JSON.
func created(c *fiber.Ctx, v any) error { return c.Status(http.StatusCreated).JSON(v) }
