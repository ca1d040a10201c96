/// The local API's OpenAPI 3.1 description, served at `/v1/openapi.json`. It is the same document as
/// `docs/openapi.json`; a test checks that the two agree.
enum OpenAPIDocument {
    static let json = #"""
    {
      "openapi": "3.1.0",
      "info": {
        "title": "LanternNode local API",
        "version": "1.0.0",
        "description": "The local HTTP API of a LanternNode, the node that stores a participant's child-safety signals. People and systems of the participant use it to create, list, update and remove signals, import them in bulk, and manage the participants and taxonomy the node knows. Every endpoint except /v1/health, /v1/ready and /v1/openapi.json needs an API token in an 'Authorization: Bearer' header. A token has one of three roles: admin may do everything, while investigator and integration may read and write signals and read participants and the taxonomy but not change them. Request and response bodies are JSON, except the NDJSON body of an import. Every error has a JSON body of the Error schema. Timestamps are returned in RFC 3339 in UTC with milliseconds. Request bodies are limited to the node's max_body_bytes setting (4 MiB by default), and a batch to its max_batch_items setting (1000 by default)."
      },
      "servers": [
        {
          "url": "http://127.0.0.1:7300",
          "description": "The default listening address of a node (api_host and api_port in config.json)."
        }
      ],
      "security": [
        {
          "bearerAuth": []
        }
      ],
      "tags": [
        {
          "name": "signals",
          "description": "Create, read, list, update, remove and import signals."
        },
        {
          "name": "admin",
          "description": "The participants and the taxonomy the node knows."
        },
        {
          "name": "health",
          "description": "Liveness, readiness and this document, open without a token."
        }
      ],
      "paths": {
        "/v1/health": {
          "get": {
            "operationId": "getHealth",
            "tags": [
              "health"
            ],
            "summary": "Check that the node is running",
            "description": "Answers as long as the process serves HTTP. It needs no token.",
            "security": [],
            "responses": {
              "200": {
                "description": "The node is running.",
                "content": {
                  "application/json": {
                    "schema": {
                      "$ref": "#/components/schemas/Health"
                    }
                  }
                }
              }
            }
          }
        },
        "/v1/ready": {
          "get": {
            "operationId": "getReadiness",
            "tags": [
              "health"
            ],
            "summary": "Check that the node can serve requests",
            "description": "Reads the store to check that the node can serve requests, and names the participant it belongs to. It needs no token.",
            "security": [],
            "responses": {
              "200": {
                "description": "The node is ready.",
                "content": {
                  "application/json": {
                    "schema": {
                      "$ref": "#/components/schemas/Ready"
                    }
                  }
                }
              },
              "503": {
                "description": "The node cannot read its store.",
                "content": {
                  "application/json": {
                    "schema": {
                      "$ref": "#/components/schemas/NotReady"
                    }
                  }
                }
              }
            }
          }
        },
        "/v1/openapi.json": {
          "get": {
            "operationId": "getOpenAPIDocument",
            "tags": [
              "health"
            ],
            "summary": "Get this API description",
            "description": "Returns this OpenAPI 3.1 document. It needs no token.",
            "security": [],
            "responses": {
              "200": {
                "description": "The OpenAPI document.",
                "content": {
                  "application/json": {
                    "schema": {
                      "type": "object"
                    }
                  }
                }
              }
            }
          }
        },
        "/v1/signals": {
          "post": {
            "operationId": "createSignal",
            "tags": [
              "signals"
            ],
            "summary": "Create a signal",
            "description": "Validates a draft and stores it as a new signal authored by this node's participant. The Location header names the new signal. Any token may call it: admin, investigator or integration.",
            "requestBody": {
              "required": true,
              "content": {
                "application/json": {
                  "schema": {
                    "$ref": "#/components/schemas/SignalDraft"
                  }
                }
              }
            },
            "responses": {
              "201": {
                "description": "The signal was created.",
                "headers": {
                  "Location": {
                    "description": "The path of the new signal, /v1/signals/{id}.",
                    "schema": {
                      "type": "string"
                    }
                  }
                },
                "content": {
                  "application/json": {
                    "schema": {
                      "$ref": "#/components/schemas/Signal"
                    }
                  }
                }
              },
              "400": {
                "$ref": "#/components/responses/BadRequest"
              },
              "401": {
                "$ref": "#/components/responses/Unauthorized"
              },
              "413": {
                "$ref": "#/components/responses/ContentTooLarge"
              },
              "422": {
                "$ref": "#/components/responses/UnprocessableContent"
              },
              "500": {
                "$ref": "#/components/responses/InternalError"
              }
            }
          },
          "get": {
            "operationId": "listSignals",
            "tags": [
              "signals"
            ],
            "summary": "List signals",
            "description": "Lists the signals this node holds, newest id first, one page at a time. Every filter is optional and filters combine. An unknown query parameter gets status 400. Any token may call it: admin, investigator or integration.",
            "parameters": [
              {
                "name": "type",
                "in": "query",
                "required": false,
                "description": "Only signals of this type. The type is matched exactly, in lowercase.",
                "schema": {
                  "$ref": "#/components/schemas/SignalType"
                }
              },
              {
                "name": "origin",
                "in": "query",
                "required": false,
                "description": "Only signals authored by this participant.",
                "schema": {
                  "$ref": "#/components/schemas/ParticipantID"
                }
              },
              {
                "name": "tag",
                "in": "query",
                "required": false,
                "description": "Only signals carrying this tag. A plain id such as platform matches the tag and every id:parameter form of it; id:parameter such as platform:discord matches only that one. Read in lowercase.",
                "schema": {
                  "type": "string",
                  "examples": [
                    "csam",
                    "platform",
                    "platform:discord"
                  ]
                }
              },
              {
                "name": "audience",
                "in": "query",
                "required": false,
                "description": "Only signals with this audience: 'all', 'financial', 'allowlist' for any allowlist, or a participant id for allowlists that include that participant.",
                "schema": {
                  "anyOf": [
                    {
                      "type": "string",
                      "enum": [
                        "all",
                        "financial",
                        "allowlist"
                      ]
                    },
                    {
                      "$ref": "#/components/schemas/ParticipantID"
                    }
                  ]
                }
              },
              {
                "name": "review_status",
                "in": "query",
                "required": false,
                "description": "Only signals with this review status. Read case-insensitively.",
                "schema": {
                  "$ref": "#/components/schemas/ReviewStatus"
                }
              },
              {
                "name": "severity",
                "in": "query",
                "required": false,
                "description": "Only signals with this severity. Read case-insensitively.",
                "schema": {
                  "$ref": "#/components/schemas/Severity"
                }
              },
              {
                "name": "created_since",
                "in": "query",
                "required": false,
                "description": "Only signals created at or after this time. An RFC 3339 timestamp such as 2026-01-31T12:00:00Z (fractional seconds and any offset are accepted), or a plain date such as 2026-01-31, read as midnight UTC.",
                "schema": {
                  "$ref": "#/components/schemas/DateInput"
                }
              },
              {
                "name": "created_before",
                "in": "query",
                "required": false,
                "description": "Only signals created before this time. An RFC 3339 timestamp such as 2026-01-31T12:00:00Z (fractional seconds and any offset are accepted), or a plain date such as 2026-01-31, read as midnight UTC.",
                "schema": {
                  "$ref": "#/components/schemas/DateInput"
                }
              },
              {
                "name": "value",
                "in": "query",
                "required": false,
                "description": "Only signals with exactly this normalised value, as the value field of a signal shows it.",
                "schema": {
                  "type": "string"
                }
              },
              {
                "name": "cursor",
                "in": "query",
                "required": false,
                "description": "The next_cursor of the previous page, to get the page after it.",
                "schema": {
                  "$ref": "#/components/schemas/SignalID"
                }
              },
              {
                "name": "limit",
                "in": "query",
                "required": false,
                "description": "The most signals on one page, 1 to 1000.",
                "schema": {
                  "type": "integer",
                  "minimum": 1,
                  "maximum": 1000,
                  "default": 100
                }
              }
            ],
            "responses": {
              "200": {
                "description": "One page of signals.",
                "content": {
                  "application/json": {
                    "schema": {
                      "$ref": "#/components/schemas/SignalList"
                    }
                  }
                }
              },
              "400": {
                "$ref": "#/components/responses/BadRequest"
              },
              "401": {
                "$ref": "#/components/responses/Unauthorized"
              },
              "500": {
                "$ref": "#/components/responses/InternalError"
              }
            }
          }
        },
        "/v1/signals/batch": {
          "post": {
            "operationId": "createSignalBatch",
            "tags": [
              "signals"
            ],
            "summary": "Create several signals",
            "description": "Validates each draft on its own and stores the valid ones together in one transaction; invalid drafts are reported by index while the rest are created. An empty batch gets status 400, and a batch over the node's max_batch_items setting (1000 by default) gets status 413 with the code batch_too_large; split it, or use /v1/signals/import. Any token may call it: admin, investigator or integration.",
            "requestBody": {
              "required": true,
              "content": {
                "application/json": {
                  "schema": {
                    "$ref": "#/components/schemas/BatchRequest"
                  }
                }
              }
            },
            "responses": {
              "200": {
                "description": "The outcome of every draft.",
                "content": {
                  "application/json": {
                    "schema": {
                      "$ref": "#/components/schemas/BatchResult"
                    }
                  }
                }
              },
              "400": {
                "$ref": "#/components/responses/BadRequest"
              },
              "401": {
                "$ref": "#/components/responses/Unauthorized"
              },
              "413": {
                "description": "The body is larger than the node's max_body_bytes setting (code body_too_large), or the batch holds more signals than its max_batch_items setting (code batch_too_large, field signals).",
                "content": {
                  "application/json": {
                    "schema": {
                      "$ref": "#/components/schemas/Error"
                    }
                  }
                }
              },
              "500": {
                "$ref": "#/components/responses/InternalError"
              }
            }
          }
        },
        "/v1/signals/import": {
          "post": {
            "operationId": "importSignals",
            "tags": [
              "signals"
            ],
            "summary": "Import signals from JSON lines",
            "description": "Streams a body of newline-delimited JSON in which every line is one SignalDraft object. Each line is validated on its own; valid lines are stored in batches of batch_size, each batch in one transaction, and bad lines are reported by number while the rest goes on. Blank lines are counted and skipped, and a line longer than 81920 bytes is rejected. The body has no total size limit. Any token may call it: admin, investigator or integration.",
            "parameters": [
              {
                "name": "dry_run",
                "in": "query",
                "required": false,
                "description": "When true (or 1), validate every line but store nothing.",
                "schema": {
                  "type": "boolean",
                  "default": false
                }
              },
              {
                "name": "batch_size",
                "in": "query",
                "required": false,
                "description": "How many valid signals are stored per transaction, 1 to 10000.",
                "schema": {
                  "type": "integer",
                  "minimum": 1,
                  "maximum": 10000,
                  "default": 1000
                }
              }
            ],
            "requestBody": {
              "required": true,
              "description": "Newline-delimited JSON: every non-blank line is one JSON object of the SignalDraft schema.",
              "content": {
                "application/x-ndjson": {
                  "schema": {
                    "type": "string",
                    "description": "Lines separated by line feeds. Each non-blank line is a SignalDraft object (#/components/schemas/SignalDraft) on its own."
                  },
                  "x-line-schema": {
                    "$ref": "#/components/schemas/SignalDraft"
                  },
                  "example": "{\"type\": \"md5\", \"value\": \"d41d8cd98f00b204e9800998ecf8427e\", \"media_kind\": \"image\", \"tags\": [\"csam\"], \"severity\": \"SEVERE\", \"review_status\": \"REVIEWED_MANUALLY\", \"audience\": \"all\"}\n{\"type\": \"url\", \"value\": \"https://example.com/a\", \"tags\": [\"csam\"], \"severity\": \"SEVERE\", \"review_status\": \"REVIEWED_MANUALLY\", \"audience\": [\"bravo\"]}\n"
                }
              }
            },
            "responses": {
              "200": {
                "description": "The import finished; rejected lines are listed in the summary.",
                "content": {
                  "application/json": {
                    "schema": {
                      "$ref": "#/components/schemas/ImportSummary"
                    }
                  }
                }
              },
              "400": {
                "description": "The batch_size parameter is not 1 to 10000. The code is bad_request and field is batch_size.",
                "content": {
                  "application/json": {
                    "schema": {
                      "$ref": "#/components/schemas/Error"
                    }
                  }
                }
              },
              "401": {
                "$ref": "#/components/responses/Unauthorized"
              },
              "500": {
                "$ref": "#/components/responses/InternalError"
              }
            }
          }
        },
        "/v1/signals/{id}": {
          "parameters": [
            {
              "$ref": "#/components/parameters/SignalIDPath"
            }
          ],
          "get": {
            "operationId": "getSignal",
            "tags": [
              "signals"
            ],
            "summary": "Get a signal",
            "description": "Returns a live signal. For a signal that was removed or expired it returns status 410 with the removal record instead. Any token may call it: admin, investigator or integration.",
            "responses": {
              "200": {
                "description": "The signal.",
                "content": {
                  "application/json": {
                    "schema": {
                      "$ref": "#/components/schemas/Signal"
                    }
                  }
                }
              },
              "400": {
                "$ref": "#/components/responses/BadRequest"
              },
              "401": {
                "$ref": "#/components/responses/Unauthorized"
              },
              "404": {
                "$ref": "#/components/responses/NotFound"
              },
              "410": {
                "description": "The signal was removed or expired; the body is the removal record, not an error.",
                "content": {
                  "application/json": {
                    "schema": {
                      "$ref": "#/components/schemas/Removal"
                    }
                  }
                }
              },
              "500": {
                "$ref": "#/components/responses/InternalError"
              }
            }
          },
          "patch": {
            "operationId": "updateSignal",
            "tags": [
              "signals"
            ],
            "summary": "Update a signal",
            "description": "Changes the fields present in the body and returns the updated signal. Only the node's own signals may be changed; a signal from another participant gets status 422 with field id. Any token may call it: admin, investigator or integration.",
            "requestBody": {
              "required": true,
              "content": {
                "application/json": {
                  "schema": {
                    "$ref": "#/components/schemas/SignalPatch"
                  }
                }
              }
            },
            "responses": {
              "200": {
                "description": "The updated signal.",
                "content": {
                  "application/json": {
                    "schema": {
                      "$ref": "#/components/schemas/Signal"
                    }
                  }
                }
              },
              "400": {
                "$ref": "#/components/responses/BadRequest"
              },
              "401": {
                "$ref": "#/components/responses/Unauthorized"
              },
              "404": {
                "$ref": "#/components/responses/NotFound"
              },
              "410": {
                "$ref": "#/components/responses/Gone"
              },
              "413": {
                "$ref": "#/components/responses/ContentTooLarge"
              },
              "422": {
                "$ref": "#/components/responses/UnprocessableContent"
              },
              "500": {
                "$ref": "#/components/responses/InternalError"
              }
            }
          },
          "delete": {
            "operationId": "removeSignal",
            "tags": [
              "signals"
            ],
            "summary": "Remove a signal",
            "description": "Removes one of the node's own signals: its content is purged and only the removal record (id, type, time and reason) is kept. A signal from another participant gets status 422 with field id. Any token may call it: admin, investigator or integration.",
            "parameters": [
              {
                "name": "reason",
                "in": "query",
                "required": true,
                "description": "Why the signal is removed. A missing or unknown reason gets status 400 with field reason.",
                "schema": {
                  "$ref": "#/components/schemas/RemovalReason"
                }
              }
            ],
            "responses": {
              "200": {
                "description": "The signal was removed; the body is the removal record.",
                "content": {
                  "application/json": {
                    "schema": {
                      "$ref": "#/components/schemas/Removal"
                    }
                  }
                }
              },
              "400": {
                "$ref": "#/components/responses/BadRequest"
              },
              "401": {
                "$ref": "#/components/responses/Unauthorized"
              },
              "404": {
                "$ref": "#/components/responses/NotFound"
              },
              "410": {
                "$ref": "#/components/responses/Gone"
              },
              "422": {
                "$ref": "#/components/responses/UnprocessableContent"
              },
              "500": {
                "$ref": "#/components/responses/InternalError"
              }
            }
          }
        },
        "/v1/participants": {
          "get": {
            "operationId": "listParticipants",
            "tags": [
              "admin"
            ],
            "summary": "List participants",
            "description": "Lists every participant the node knows, sorted by id. Any token may call it: admin, investigator or integration.",
            "responses": {
              "200": {
                "description": "The participants.",
                "content": {
                  "application/json": {
                    "schema": {
                      "$ref": "#/components/schemas/ParticipantList"
                    }
                  }
                }
              },
              "401": {
                "$ref": "#/components/responses/Unauthorized"
              },
              "500": {
                "$ref": "#/components/responses/InternalError"
              }
            }
          }
        },
        "/v1/participants/{id}": {
          "put": {
            "operationId": "saveParticipant",
            "tags": [
              "admin"
            ],
            "summary": "Add or replace a participant",
            "description": "Adds a participant, or replaces what the node knows about it, and uses the new list from then on. It needs an admin token; investigator and integration tokens get status 403.",
            "parameters": [
              {
                "name": "id",
                "in": "path",
                "required": true,
                "description": "The participant's id. A malformed id gets status 400 with field id.",
                "schema": {
                  "$ref": "#/components/schemas/ParticipantID"
                }
              }
            ],
            "requestBody": {
              "required": true,
              "content": {
                "application/json": {
                  "schema": {
                    "$ref": "#/components/schemas/ParticipantUpdate"
                  }
                }
              }
            },
            "responses": {
              "200": {
                "description": "The participant as stored.",
                "content": {
                  "application/json": {
                    "schema": {
                      "$ref": "#/components/schemas/Participant"
                    }
                  }
                }
              },
              "400": {
                "description": "The id or body is not valid: a malformed id, an unknown role, a financial-pool opt-in for a financial institution, or a change of the node's own role. The code is bad_request and field names the part at fault.",
                "content": {
                  "application/json": {
                    "schema": {
                      "$ref": "#/components/schemas/Error"
                    }
                  }
                }
              },
              "401": {
                "$ref": "#/components/responses/Unauthorized"
              },
              "403": {
                "$ref": "#/components/responses/Forbidden"
              },
              "413": {
                "$ref": "#/components/responses/ContentTooLarge"
              },
              "500": {
                "$ref": "#/components/responses/InternalError"
              }
            }
          }
        },
        "/v1/taxonomy": {
          "get": {
            "operationId": "getTaxonomy",
            "tags": [
              "admin"
            ],
            "summary": "Get the current taxonomy",
            "description": "Returns the taxonomy new signals are tagged against. Any token may call it: admin, investigator or integration.",
            "responses": {
              "200": {
                "description": "The current taxonomy.",
                "content": {
                  "application/json": {
                    "schema": {
                      "$ref": "#/components/schemas/Taxonomy"
                    }
                  }
                }
              },
              "401": {
                "$ref": "#/components/responses/Unauthorized"
              },
              "500": {
                "$ref": "#/components/responses/InternalError"
              }
            }
          },
          "put": {
            "operationId": "loadTaxonomy",
            "tags": [
              "admin"
            ],
            "summary": "Load a taxonomy",
            "description": "Loads a taxonomy document; new signals are tagged against it from then on, and existing signals keep the version they were tagged with. Loading a version that is already loaded with the same content changes nothing; loading it with different content gets status 409. It needs an admin token; investigator and integration tokens get status 403.",
            "requestBody": {
              "required": true,
              "content": {
                "application/json": {
                  "schema": {
                    "$ref": "#/components/schemas/Taxonomy"
                  }
                }
              }
            },
            "responses": {
              "200": {
                "description": "The taxonomy is in force.",
                "content": {
                  "application/json": {
                    "schema": {
                      "$ref": "#/components/schemas/TaxonomyLoadResult"
                    }
                  }
                }
              },
              "401": {
                "$ref": "#/components/responses/Unauthorized"
              },
              "403": {
                "$ref": "#/components/responses/Forbidden"
              },
              "409": {
                "description": "This version is already loaded with different content; give the new document a new version. The code is taxonomy_conflict and field is version.",
                "content": {
                  "application/json": {
                    "schema": {
                      "$ref": "#/components/schemas/Error"
                    }
                  }
                }
              },
              "413": {
                "$ref": "#/components/responses/ContentTooLarge"
              },
              "422": {
                "description": "The document is not a valid taxonomy: not JSON of the right shape, a version that is empty or longer than 32 characters, a tag id that is not lowercase snake_case, a duplicate tag id, or no primary tag. The code is invalid_taxonomy.",
                "content": {
                  "application/json": {
                    "schema": {
                      "$ref": "#/components/schemas/Error"
                    }
                  }
                }
              },
              "500": {
                "$ref": "#/components/responses/InternalError"
              }
            }
          }
        }
      },
      "components": {
        "securitySchemes": {
          "bearerAuth": {
            "type": "http",
            "scheme": "bearer",
            "description": "An API token issued by the node's administrator, sent as 'Authorization: Bearer <token>'. A token has the role admin, investigator or integration."
          }
        },
        "parameters": {
          "SignalIDPath": {
            "name": "id",
            "in": "path",
            "required": true,
            "description": "The signal's id. An id that is not a ULID gets status 400 with field id.",
            "schema": {
              "$ref": "#/components/schemas/SignalID"
            }
          }
        },
        "responses": {
          "BadRequest": {
            "description": "The request is malformed: the body is not JSON of the expected shape, or a path or query parameter is not valid. The code is bad_request and field names the part at fault when there is one.",
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/Error"
                }
              }
            }
          },
          "Unauthorized": {
            "description": "The request has no valid API token. The code is unauthorized.",
            "headers": {
              "WWW-Authenticate": {
                "description": "Always 'Bearer'.",
                "schema": {
                  "type": "string",
                  "const": "Bearer"
                }
              }
            },
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/Error"
                }
              }
            }
          },
          "Forbidden": {
            "description": "The token's role may not do this; the operation needs an admin token. The code is forbidden.",
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/Error"
                }
              }
            }
          },
          "NotFound": {
            "description": "No signal has this id on this node. The code is not_found.",
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/Error"
                }
              }
            }
          },
          "Gone": {
            "description": "The signal was removed (or expired) and its content purged. The code is removed.",
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/Error"
                }
              }
            }
          },
          "ContentTooLarge": {
            "description": "The request body is larger than the node's max_body_bytes setting (4 MiB by default). The code is body_too_large.",
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/Error"
                }
              }
            }
          },
          "UnprocessableContent": {
            "description": "The body is well-formed but breaks a rule of the program. The code is invalid_field and field names the first field at fault.",
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/Error"
                }
              }
            }
          },
          "InternalError": {
            "description": "The node could not complete the request, for example because its store failed. The code is internal.",
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/Error"
                }
              }
            }
          }
        },
        "schemas": {
          "SignalID": {
            "type": "string",
            "description": "A signal id: a ULID, 26 characters of Crockford base 32 whose first character is 0 to 7. The node returns ids in uppercase and accepts lowercase input.",
            "pattern": "^[0-7][0-9A-HJKMNP-TV-Za-hjkmnp-tv-z]{25}$",
            "minLength": 26,
            "maxLength": 26,
            "examples": [
              "01JQ7Z8W3V5K2M9N4P6R8T0X1Y"
            ]
          },
          "ParticipantID": {
            "type": "string",
            "description": "A participant id: 1 to 64 lowercase letters, digits, '.', '_' or '-', starting with a letter or digit.",
            "pattern": "^[a-z0-9][a-z0-9._-]{0,63}$",
            "examples": [
              "alpha",
              "bank-one"
            ]
          },
          "DateInput": {
            "type": "string",
            "description": "An RFC 3339 timestamp such as 2026-01-31T12:00:00Z (fractional seconds and any offset are accepted), or a plain date such as 2026-01-31, read as midnight UTC.",
            "maxLength": 40,
            "examples": [
              "2026-01-31T12:00:00Z",
              "2026-01-31"
            ]
          },
          "SignalType": {
            "type": "string",
            "description": "The kind of value a signal carries. Hash types (pdq, md5, sha1, sha256, photodna, tmk) need a media kind. When creating a signal the type is read case-insensitively.",
            "enum": [
              "url",
              "domain",
              "email",
              "username",
              "phone",
              "payment_account",
              "pdq",
              "md5",
              "sha1",
              "sha256",
              "photodna",
              "tmk",
              "keyword"
            ]
          },
          "MediaKind": {
            "type": "string",
            "description": "The kind of media a hash was computed from. Read case-insensitively.",
            "enum": [
              "image",
              "video",
              "audio",
              "document",
              "other"
            ]
          },
          "Severity": {
            "type": "string",
            "description": "How severe the harm behind a signal is, in ThreatExchange's vocabulary, from least to most severe. Read case-insensitively.",
            "enum": [
              "INFO",
              "WARNING",
              "SUSPICIOUS",
              "SEVERE",
              "APOCALYPSE"
            ]
          },
          "ReviewStatus": {
            "type": "string",
            "description": "How the uploader reviewed a signal before sharing it, in ThreatExchange's vocabulary. Read case-insensitively.",
            "enum": [
              "UNREVIEWED",
              "PENDING",
              "REVIEWED_AUTOMATICALLY",
              "REVIEWED_MANUALLY"
            ]
          },
          "RemovalReason": {
            "type": "string",
            "description": "Why a signal was removed. The value no_longer_meets_purpose means that after further review the signal no longer meets the program's approved purpose; retention_reached means it reached the end of its retention period; appeal_upheld means an appeal by the affected person was upheld; entered_in_error means it was entered by mistake.",
            "enum": [
              "no_longer_meets_purpose",
              "retention_reached",
              "appeal_upheld",
              "entered_in_error"
            ]
          },
          "AudienceInput": {
            "description": "Who may receive the signal. A string is 'all' (every tech participant), 'financial' (the segregated financial pool: financial institutions and tech participants that opted in), or one or more participant ids separated by commas (an allowlist). An array lists the participant ids of an allowlist. An allowlist names at least one participant other than the origin and at most 256, and every member must be a known tech participant.",
            "oneOf": [
              {
                "type": "string",
                "minLength": 1,
                "description": "'all', 'financial', or participant ids separated by commas.",
                "examples": [
                  "all",
                  "financial",
                  "bravo,charlie"
                ]
              },
              {
                "type": "array",
                "minItems": 1,
                "description": "The participant ids of an allowlist.",
                "items": {
                  "$ref": "#/components/schemas/ParticipantID"
                },
                "examples": [
                  [
                    "bravo",
                    "charlie"
                  ]
                ]
              }
            ]
          },
          "TransactionInput": {
            "type": "object",
            "description": "Transaction details, required for signals whose audience is 'financial'. Every field is required.",
            "required": [
              "date",
              "amount",
              "currency",
              "provider"
            ],
            "properties": {
              "date": {
                "$ref": "#/components/schemas/DateInput",
                "description": "The date of the transaction. An RFC 3339 timestamp such as 2026-01-31T12:00:00Z (fractional seconds and any offset are accepted), or a plain date such as 2026-01-31, read as midnight UTC."
              },
              "amount": {
                "type": [
                  "string",
                  "number"
                ],
                "description": "A positive decimal amount such as 250.00, with up to 15 digits before the point and up to 8 after it. It may be sent as a JSON number or a string; the text is kept.",
                "examples": [
                  "250.00",
                  250
                ]
              },
              "currency": {
                "type": "string",
                "description": "A three-letter ISO 4217 currency code such as USD. Read case-insensitively.",
                "pattern": "^[A-Za-z]{3}$"
              },
              "provider": {
                "type": "string",
                "description": "The payment provider: 1 to 64 letters, digits, '.', '_' or '-', such as paypal. Stored in lowercase.",
                "examples": [
                  "paypal"
                ]
              }
            }
          },
          "SignalDraft": {
            "type": "object",
            "description": "A new signal as submitted to POST /v1/signals, inside a batch, or as one line of an import. The node validates it and refuses it with the first field at fault. Type-specific attributes (platform, provider, media_kind, quality, language, path_prefix) are refused on types they do not apply to. A JSON null is read as if the field were left out, and unknown fields are ignored. The origin, id, revision and timestamps are assigned by the node.",
            "required": [
              "type",
              "value",
              "tags",
              "severity",
              "review_status",
              "audience"
            ],
            "properties": {
              "type": {
                "$ref": "#/components/schemas/SignalType",
                "description": "The kind of value. It never changes after creation."
              },
              "value": {
                "type": "string",
                "minLength": 1,
                "description": "The value as observed, at most 65536 bytes of UTF-8. The node normalises it by type (for example, canonical URLs, lowercase hexadecimal hashes, E.164 phone numbers) and keeps the raw text beside it. It never changes after creation."
              },
              "platform": {
                "type": [
                  "string",
                  "null"
                ],
                "description": "The platform of a username, such as discord: 1 to 64 letters, digits, '.', '_' or '-'. Required for username signals and refused for other types."
              },
              "provider": {
                "type": [
                  "string",
                  "null"
                ],
                "description": "The provider of a payment account, such as paypal: 1 to 64 letters, digits, '.', '_' or '-'. Required for payment_account signals and refused for other types."
              },
              "media_kind": {
                "description": "The kind of media a hash was computed from. Required for hash types and refused for other types.",
                "oneOf": [
                  {
                    "$ref": "#/components/schemas/MediaKind"
                  },
                  {
                    "type": "null"
                  }
                ]
              },
              "quality": {
                "type": [
                  "integer",
                  "null"
                ],
                "minimum": 0,
                "maximum": 100,
                "description": "The PDQ quality score, 0 to 100. Only for pdq signals."
              },
              "language": {
                "type": [
                  "string",
                  "null"
                ],
                "description": "A BCP 47 language code such as en or pt-BR. Required for keyword signals and refused for other types."
              },
              "path_prefix": {
                "type": [
                  "boolean",
                  "null"
                ],
                "description": "Whether a url signal matches every URL under its path rather than the exact URL. Only for url signals."
              },
              "tags": {
                "type": "array",
                "minItems": 1,
                "maxItems": 32,
                "items": {
                  "type": "string",
                  "examples": [
                    "csam",
                    "platform:discord",
                    "report_id:12345"
                  ]
                },
                "description": "Tags from the node's current taxonomy, as an id or id:parameter. Ids are case-insensitive and spaces or dashes are read as underscores. A signal has 1 to 32 tags, at least one of them primary; duplicates are dropped."
              },
              "severity": {
                "$ref": "#/components/schemas/Severity",
                "description": "The severity of the harm behind the signal."
              },
              "review_status": {
                "$ref": "#/components/schemas/ReviewStatus",
                "description": "How the signal was reviewed before sharing."
              },
              "audience": {
                "$ref": "#/components/schemas/AudienceInput",
                "description": "Who may receive the signal. A financial audience needs the financial_transaction tag and transaction details."
              },
              "description": {
                "type": [
                  "string",
                  "null"
                ],
                "maxLength": 2000,
                "description": "Free text about the signal, at most 2000 characters. An empty string clears it."
              },
              "confidence": {
                "type": [
                  "integer",
                  "null"
                ],
                "minimum": 0,
                "maximum": 100,
                "description": "How confident the uploader is in the signal, 0 to 100."
              },
              "first_seen": {
                "type": [
                  "string",
                  "null"
                ],
                "maxLength": 40,
                "description": "When the value was first seen. An RFC 3339 timestamp such as 2026-01-31T12:00:00Z (fractional seconds and any offset are accepted), or a plain date such as 2026-01-31, read as midnight UTC."
              },
              "last_seen": {
                "type": [
                  "string",
                  "null"
                ],
                "maxLength": 40,
                "description": "When the value was last seen; not earlier than first_seen. An RFC 3339 timestamp such as 2026-01-31T12:00:00Z (fractional seconds and any offset are accepted), or a plain date such as 2026-01-31, read as midnight UTC."
              },
              "related": {
                "type": [
                  "array",
                  "null"
                ],
                "maxItems": 64,
                "items": {
                  "$ref": "#/components/schemas/SignalID"
                },
                "description": "Ids of related signals, at most 64. The signal's own id and duplicates are dropped."
              },
              "transaction": {
                "description": "Transaction details, required when the audience is 'financial'.",
                "oneOf": [
                  {
                    "$ref": "#/components/schemas/TransactionInput"
                  },
                  {
                    "type": "null"
                  }
                ]
              },
              "expires_at": {
                "type": [
                  "string",
                  "null"
                ],
                "maxLength": 40,
                "description": "When the signal expires and is removed. It must be in the future and no later than the retention period for the signal's type allows; without it the signal lasts the whole retention period. An RFC 3339 timestamp such as 2026-01-31T12:00:00Z (fractional seconds and any offset are accepted), or a plain date such as 2026-01-31, read as midnight UTC."
              }
            },
            "examples": [
              {
                "type": "url",
                "value": "https://example.com/a",
                "tags": [
                  "csam"
                ],
                "severity": "SEVERE",
                "review_status": "REVIEWED_MANUALLY",
                "audience": "all"
              },
              {
                "type": "payment_account",
                "value": "$handle",
                "provider": "cashapp",
                "tags": [
                  "sextortion",
                  "financial_transaction"
                ],
                "severity": "SEVERE",
                "review_status": "REVIEWED_MANUALLY",
                "audience": "financial",
                "transaction": {
                  "date": "2026-10-01",
                  "amount": "250.00",
                  "currency": "USD",
                  "provider": "cashapp"
                }
              }
            ]
          },
          "SignalPatch": {
            "type": "object",
            "description": "A partial update of a signal: only the fields present change. A signal's type and value never change, so the fields type, value, platform, provider, media_kind and language are refused with status 422; to change them, remove the signal and add a new one. A JSON null is read as if the field were left out, and unknown fields are ignored. The same cross-field rules as for creation apply to the result.",
            "properties": {
              "quality": {
                "type": [
                  "integer",
                  "null"
                ],
                "minimum": 0,
                "maximum": 100,
                "description": "The PDQ quality score, 0 to 100. Only for pdq signals."
              },
              "path_prefix": {
                "type": [
                  "boolean",
                  "null"
                ],
                "description": "Whether a url signal matches every URL under its path rather than the exact URL. Only for url signals."
              },
              "tags": {
                "type": [
                  "array",
                  "null"
                ],
                "maxItems": 32,
                "items": {
                  "type": "string",
                  "examples": [
                    "csam",
                    "platform:discord",
                    "report_id:12345"
                  ]
                },
                "description": "Tags from the node's current taxonomy, as an id or id:parameter. Ids are case-insensitive and spaces or dashes are read as underscores. A signal has 1 to 32 tags, at least one of them primary; duplicates are dropped. Setting tags also moves the signal to the current taxonomy version."
              },
              "severity": {
                "description": "The severity of the harm behind the signal.",
                "oneOf": [
                  {
                    "$ref": "#/components/schemas/Severity"
                  },
                  {
                    "type": "null"
                  }
                ]
              },
              "review_status": {
                "description": "How the signal was reviewed before sharing.",
                "oneOf": [
                  {
                    "$ref": "#/components/schemas/ReviewStatus"
                  },
                  {
                    "type": "null"
                  }
                ]
              },
              "audience": {
                "description": "Who may receive the signal: a string or an array of participant ids, as AudienceInput describes. A financial audience needs the financial_transaction tag and transaction details.",
                "oneOf": [
                  {
                    "$ref": "#/components/schemas/AudienceInput"
                  },
                  {
                    "type": "null"
                  }
                ]
              },
              "description": {
                "type": [
                  "string",
                  "null"
                ],
                "maxLength": 2000,
                "description": "Free text about the signal, at most 2000 characters. An empty string clears it."
              },
              "confidence": {
                "type": [
                  "integer",
                  "null"
                ],
                "minimum": 0,
                "maximum": 100,
                "description": "How confident the uploader is in the signal, 0 to 100."
              },
              "first_seen": {
                "type": [
                  "string",
                  "null"
                ],
                "maxLength": 40,
                "description": "When the value was first seen. An RFC 3339 timestamp such as 2026-01-31T12:00:00Z (fractional seconds and any offset are accepted), or a plain date such as 2026-01-31, read as midnight UTC."
              },
              "last_seen": {
                "type": [
                  "string",
                  "null"
                ],
                "maxLength": 40,
                "description": "When the value was last seen; not earlier than first_seen. An RFC 3339 timestamp such as 2026-01-31T12:00:00Z (fractional seconds and any offset are accepted), or a plain date such as 2026-01-31, read as midnight UTC."
              },
              "related": {
                "type": [
                  "array",
                  "null"
                ],
                "maxItems": 64,
                "items": {
                  "$ref": "#/components/schemas/SignalID"
                },
                "description": "Ids of related signals, at most 64. The signal's own id and duplicates are dropped."
              },
              "transaction": {
                "description": "Transaction details, required when the audience is 'financial'.",
                "oneOf": [
                  {
                    "$ref": "#/components/schemas/TransactionInput"
                  },
                  {
                    "type": "null"
                  }
                ]
              },
              "expires_at": {
                "type": [
                  "string",
                  "null"
                ],
                "maxLength": 40,
                "description": "When the signal expires and is removed. It must be in the future and no later than the retention period for the signal's type allows; without it the signal lasts the whole retention period. An RFC 3339 timestamp such as 2026-01-31T12:00:00Z (fractional seconds and any offset are accepted), or a plain date such as 2026-01-31, read as midnight UTC."
              }
            },
            "examples": [
              {
                "severity": "APOCALYPSE",
                "tags": [
                  "csam",
                  "csam_egregious"
                ],
                "audience": [
                  "bravo"
                ]
              }
            ]
          },
          "Transaction": {
            "type": "object",
            "description": "The transaction details of a financial-pool signal, as stored.",
            "required": [
              "date",
              "amount",
              "currency",
              "provider"
            ],
            "properties": {
              "date": {
                "type": "string",
                "format": "date-time",
                "description": "The date of the transaction, in RFC 3339 in UTC with milliseconds."
              },
              "amount": {
                "type": "string",
                "description": "The amount as a decimal string, as submitted.",
                "examples": [
                  "250.00"
                ]
              },
              "currency": {
                "type": "string",
                "pattern": "^[A-Z]{3}$",
                "description": "The ISO 4217 currency code, uppercase."
              },
              "provider": {
                "type": "string",
                "description": "The payment provider, lowercase."
              }
            }
          },
          "Signal": {
            "type": "object",
            "description": "A live signal as the node returns it. Optional fields are left out when they have no value.",
            "required": [
              "id",
              "origin",
              "revision",
              "type",
              "value",
              "raw_value",
              "tags",
              "taxonomy_version",
              "severity",
              "review_status",
              "audience",
              "created_at",
              "updated_at",
              "expires_at"
            ],
            "properties": {
              "id": {
                "$ref": "#/components/schemas/SignalID"
              },
              "origin": {
                "$ref": "#/components/schemas/ParticipantID",
                "description": "The participant that authored the signal."
              },
              "revision": {
                "type": "integer",
                "format": "int64",
                "minimum": 0,
                "description": "The node's change counter at the signal's last change; it grows with every change on the node."
              },
              "type": {
                "$ref": "#/components/schemas/SignalType"
              },
              "value": {
                "type": "string",
                "description": "The normalised value, which matching compares."
              },
              "raw_value": {
                "type": "string",
                "description": "The value as submitted."
              },
              "platform": {
                "type": "string",
                "description": "The platform of a username signal, lowercase."
              },
              "provider": {
                "type": "string",
                "description": "The provider of a payment_account signal, lowercase."
              },
              "media_kind": {
                "$ref": "#/components/schemas/MediaKind"
              },
              "quality": {
                "type": "integer",
                "minimum": 0,
                "maximum": 100,
                "description": "The PDQ quality score."
              },
              "language": {
                "type": "string",
                "description": "The canonical BCP 47 language code of a keyword signal."
              },
              "path_prefix": {
                "type": "boolean",
                "description": "Whether a url signal matches every URL under its path."
              },
              "tags": {
                "type": "array",
                "items": {
                  "type": "string"
                },
                "description": "The tags, as id or id:parameter, sorted."
              },
              "taxonomy_version": {
                "type": "string",
                "description": "The taxonomy version the tags belong to."
              },
              "severity": {
                "$ref": "#/components/schemas/Severity"
              },
              "review_status": {
                "$ref": "#/components/schemas/ReviewStatus"
              },
              "audience": {
                "type": "string",
                "enum": [
                  "all",
                  "financial",
                  "allowlist"
                ],
                "description": "Who may receive the signal. For 'allowlist' the members are in allowlist."
              },
              "allowlist": {
                "type": "array",
                "items": {
                  "$ref": "#/components/schemas/ParticipantID"
                },
                "description": "The members of the allowlist, sorted, when the audience is 'allowlist'."
              },
              "created_at": {
                "type": "string",
                "format": "date-time",
                "description": "When the signal was created, in RFC 3339 in UTC with milliseconds."
              },
              "updated_at": {
                "type": "string",
                "format": "date-time",
                "description": "When the signal last changed, in RFC 3339 in UTC with milliseconds."
              },
              "expires_at": {
                "type": "string",
                "format": "date-time",
                "description": "When the signal expires and is removed, in RFC 3339 in UTC with milliseconds."
              },
              "description": {
                "type": "string",
                "description": "Free text about the signal."
              },
              "confidence": {
                "type": "integer",
                "minimum": 0,
                "maximum": 100,
                "description": "The uploader's confidence, 0 to 100."
              },
              "first_seen": {
                "type": "string",
                "format": "date-time",
                "description": "When the value was first seen, in RFC 3339 in UTC with milliseconds."
              },
              "last_seen": {
                "type": "string",
                "format": "date-time",
                "description": "When the value was last seen, in RFC 3339 in UTC with milliseconds."
              },
              "related": {
                "type": "array",
                "items": {
                  "$ref": "#/components/schemas/SignalID"
                },
                "description": "Ids of related signals."
              },
              "transaction": {
                "$ref": "#/components/schemas/Transaction"
              }
            },
            "examples": [
              {
                "id": "01JQ7Z8W3V5K2M9N4P6R8T0X1Y",
                "origin": "alpha",
                "revision": 42,
                "type": "url",
                "value": "https://example.com/a",
                "raw_value": "https://Example.com/a",
                "tags": [
                  "csam"
                ],
                "taxonomy_version": "2024.1",
                "severity": "SEVERE",
                "review_status": "REVIEWED_MANUALLY",
                "audience": "all",
                "created_at": "2026-01-31T12:00:00.000Z",
                "updated_at": "2026-01-31T12:00:00.000Z",
                "expires_at": "2027-01-31T12:00:00.000Z"
              }
            ]
          },
          "Removal": {
            "type": "object",
            "description": "What remains of a removed signal: its id, type, the time of removal and the reason. The rest of its content is purged.",
            "required": [
              "id",
              "type",
              "removed_at",
              "reason"
            ],
            "properties": {
              "id": {
                "$ref": "#/components/schemas/SignalID"
              },
              "type": {
                "$ref": "#/components/schemas/SignalType"
              },
              "removed_at": {
                "type": "string",
                "format": "date-time",
                "description": "When the signal was removed, in RFC 3339 in UTC with milliseconds."
              },
              "reason": {
                "$ref": "#/components/schemas/RemovalReason"
              }
            },
            "examples": [
              {
                "id": "01JQ7Z8W3V5K2M9N4P6R8T0X1Y",
                "type": "url",
                "removed_at": "2026-02-01T09:30:00.000Z",
                "reason": "entered_in_error"
              }
            ]
          },
          "SignalList": {
            "type": "object",
            "description": "One page of signals, newest id first.",
            "required": [
              "signals"
            ],
            "properties": {
              "signals": {
                "type": "array",
                "items": {
                  "$ref": "#/components/schemas/Signal"
                }
              },
              "next_cursor": {
                "$ref": "#/components/schemas/SignalID",
                "description": "Pass this as the cursor parameter to get the next page. It is left out on the last page."
              }
            }
          },
          "BatchRequest": {
            "type": "object",
            "description": "Several new signals in one request. The batch holds at least one signal and at most the node's max_batch_items setting (1000 by default). A draft that is not well-formed JSON of the right types fails the whole request with status 400; drafts that fail validation are reported one by one in the result.",
            "required": [
              "signals"
            ],
            "properties": {
              "signals": {
                "type": "array",
                "minItems": 1,
                "maxItems": 1000,
                "items": {
                  "$ref": "#/components/schemas/SignalDraft"
                }
              }
            }
          },
          "BatchResultItem": {
            "type": "object",
            "description": "The outcome of one draft of a batch. A created item has its new id; a rejected one has the field at fault (when there is one) and the reason.",
            "required": [
              "index",
              "status"
            ],
            "properties": {
              "index": {
                "type": "integer",
                "minimum": 0,
                "description": "The position of the draft in the request, from 0."
              },
              "status": {
                "type": "string",
                "enum": [
                  "created",
                  "rejected"
                ]
              },
              "id": {
                "$ref": "#/components/schemas/SignalID",
                "description": "The id of the created signal."
              },
              "field": {
                "type": "string",
                "description": "The field at fault, such as value, tags[1] or transaction.currency."
              },
              "message": {
                "type": "string",
                "description": "Why the draft was rejected, as a full sentence."
              }
            }
          },
          "BatchResult": {
            "type": "object",
            "description": "The outcome of a batch. The valid drafts are stored together in one transaction; the others are rejected.",
            "required": [
              "created",
              "rejected",
              "results"
            ],
            "properties": {
              "created": {
                "type": "integer",
                "minimum": 0,
                "description": "How many signals were created."
              },
              "rejected": {
                "type": "integer",
                "minimum": 0,
                "description": "How many drafts were rejected."
              },
              "results": {
                "type": "array",
                "items": {
                  "$ref": "#/components/schemas/BatchResultItem"
                },
                "description": "One item per draft, in request order."
              }
            }
          },
          "LineError": {
            "type": "object",
            "description": "A line of an import that was rejected.",
            "required": [
              "line",
              "message"
            ],
            "properties": {
              "line": {
                "type": "integer",
                "minimum": 1,
                "description": "The line number, from 1."
              },
              "field": {
                "type": "string",
                "description": "The field at fault, when there is one."
              },
              "message": {
                "type": "string",
                "description": "Why the line was rejected, as a full sentence."
              }
            }
          },
          "ImportSummary": {
            "type": "object",
            "description": "The outcome of an import.",
            "required": [
              "lines",
              "created",
              "rejected",
              "batches",
              "dry_run",
              "errors",
              "errors_truncated"
            ],
            "properties": {
              "lines": {
                "type": "integer",
                "minimum": 0,
                "description": "The number of lines read, blank ones included."
              },
              "created": {
                "type": "integer",
                "minimum": 0,
                "description": "How many signals were stored (or, in a dry run, would have been)."
              },
              "rejected": {
                "type": "integer",
                "minimum": 0,
                "description": "How many lines were rejected."
              },
              "batches": {
                "type": "integer",
                "minimum": 0,
                "description": "How many batches were stored (or, in a dry run, would have been)."
              },
              "dry_run": {
                "type": "boolean",
                "description": "Whether this was a dry run that stored nothing."
              },
              "errors": {
                "type": "array",
                "maxItems": 1000,
                "items": {
                  "$ref": "#/components/schemas/LineError"
                },
                "description": "The rejected lines, in order; at most the first 1000."
              },
              "errors_truncated": {
                "type": "boolean",
                "description": "Whether more lines were rejected than errors lists."
              }
            },
            "examples": [
              {
                "lines": 3,
                "created": 2,
                "rejected": 1,
                "batches": 1,
                "dry_run": false,
                "errors": [
                  {
                    "line": 2,
                    "field": "value",
                    "message": "An MD5 hash has 32 hexadecimal characters; this one has 31."
                  }
                ],
                "errors_truncated": false
              }
            ]
          },
          "ParticipantRole": {
            "type": "string",
            "description": "What a participant is in the program: 'tech' for a technology company, which authors signals and consumes general ones; 'financial' for a financial institution, which consumes only the financial pool and never authors.",
            "enum": [
              "tech",
              "financial"
            ]
          },
          "Participant": {
            "type": "object",
            "description": "A member of the program as this node knows it.",
            "required": [
              "id",
              "role",
              "financial_pool_opt_in"
            ],
            "properties": {
              "id": {
                "$ref": "#/components/schemas/ParticipantID"
              },
              "role": {
                "$ref": "#/components/schemas/ParticipantRole"
              },
              "financial_pool_opt_in": {
                "type": "boolean",
                "description": "Whether a tech participant has opted in to receive the financial pool. Always false for financial institutions, which receive that pool by role."
              },
              "name": {
                "type": "string",
                "description": "A display name, left out when none was given."
              }
            }
          },
          "ParticipantUpdate": {
            "type": "object",
            "description": "A participant to add or replace. The node's own role cannot change, and the financial-pool opt-in is only for tech participants.",
            "required": [
              "role"
            ],
            "properties": {
              "role": {
                "$ref": "#/components/schemas/ParticipantRole"
              },
              "financial_pool_opt_in": {
                "type": [
                  "boolean",
                  "null"
                ],
                "description": "Whether a tech participant opts in to the financial pool. Left out or null means false. It must not be true for a financial institution."
              },
              "name": {
                "type": [
                  "string",
                  "null"
                ],
                "description": "A display name."
              }
            },
            "examples": [
              {
                "role": "tech",
                "financial_pool_opt_in": true,
                "name": "Bravo Inc."
              }
            ]
          },
          "ParticipantList": {
            "type": "object",
            "description": "Every participant the node knows, sorted by id.",
            "required": [
              "participants"
            ],
            "properties": {
              "participants": {
                "type": "array",
                "items": {
                  "$ref": "#/components/schemas/Participant"
                }
              }
            }
          },
          "TaxonomyTag": {
            "type": "object",
            "description": "One tag of a taxonomy.",
            "required": [
              "id",
              "name",
              "kind",
              "definition"
            ],
            "properties": {
              "id": {
                "type": "string",
                "pattern": "^[a-z0-9_]{1,64}$",
                "description": "The tag id in lowercase snake_case, 1 to 64 characters."
              },
              "name": {
                "type": "string",
                "description": "A human-readable name."
              },
              "kind": {
                "type": "string",
                "enum": [
                  "primary",
                  "supplemental"
                ],
                "description": "A primary tag may stand alone on a signal, and every signal needs at least one. A supplemental tag adds detail and is never applied alone."
              },
              "parameter": {
                "type": [
                  "string",
                  "null"
                ],
                "description": "For a tag used as id:parameter, the name of the parameter (for example 'id' for report_id); null or left out for plain tags. Parameters are 1 to 64 letters, digits, '.', '_' or '-'."
              },
              "definition": {
                "type": "string",
                "description": "What the tag means."
              }
            }
          },
          "Taxonomy": {
            "type": "object",
            "description": "A versioned program taxonomy: the tags a signal may carry. Tag ids are unique and at least one tag is primary.",
            "required": [
              "version",
              "tags"
            ],
            "properties": {
              "version": {
                "type": "string",
                "minLength": 1,
                "maxLength": 32,
                "description": "The version, 1 to 32 characters, such as 2024.1."
              },
              "tags": {
                "type": "array",
                "minItems": 1,
                "items": {
                  "$ref": "#/components/schemas/TaxonomyTag"
                }
              }
            },
            "examples": [
              {
                "version": "2024.1",
                "tags": [
                  {
                    "id": "csam",
                    "name": "Child Sexual Abuse Material (CSAM)",
                    "kind": "primary",
                    "definition": "Imagery, video or other media that shows the sexual abuse or sexual exploitation of a minor."
                  },
                  {
                    "id": "platform",
                    "name": "Platform",
                    "kind": "supplemental",
                    "parameter": "name",
                    "definition": "The platform where the content or account was found."
                  }
                ]
              }
            ]
          },
          "TaxonomyLoadResult": {
            "type": "object",
            "description": "The taxonomy now in force after a load.",
            "required": [
              "version",
              "tags",
              "loaded"
            ],
            "properties": {
              "version": {
                "type": "string",
                "description": "The version now in force."
              },
              "tags": {
                "type": "string",
                "pattern": "^[0-9]+$",
                "description": "The number of tags, as a decimal string."
              },
              "loaded": {
                "type": "string",
                "enum": [
                  "new",
                  "already loaded"
                ],
                "description": "'new' when the version was stored now, 'already loaded' when the same document was loaded before."
              }
            },
            "examples": [
              {
                "version": "2025.1",
                "tags": "42",
                "loaded": "new"
              }
            ]
          },
          "Health": {
            "type": "object",
            "required": [
              "status"
            ],
            "properties": {
              "status": {
                "type": "string",
                "const": "ok"
              }
            }
          },
          "Ready": {
            "type": "object",
            "description": "The node can read its store.",
            "required": [
              "status",
              "participant"
            ],
            "properties": {
              "status": {
                "type": "string",
                "const": "ready"
              },
              "participant": {
                "$ref": "#/components/schemas/ParticipantID",
                "description": "The participant this node belongs to."
              }
            }
          },
          "NotReady": {
            "type": "object",
            "description": "The node cannot read its store.",
            "required": [
              "status",
              "reason"
            ],
            "properties": {
              "status": {
                "type": "string",
                "const": "not ready"
              },
              "reason": {
                "type": "string",
                "description": "The error the store reported."
              }
            }
          },
          "Error": {
            "type": "object",
            "description": "The body of every error response: a stable code, the field at fault if any, and a full sentence. Codes are bad_request (400), unauthorized (401), forbidden (403), not_found (404), removed (410), batch_too_large and body_too_large (413), invalid_field, invalid and invalid_taxonomy (422), taxonomy_conflict (409), http_error (other errors raised by the HTTP framework) and internal (500).",
            "required": [
              "error"
            ],
            "properties": {
              "error": {
                "type": "object",
                "required": [
                  "code",
                  "message"
                ],
                "properties": {
                  "code": {
                    "type": "string",
                    "description": "A stable, machine-readable code.",
                    "examples": [
                      "invalid_field"
                    ]
                  },
                  "field": {
                    "type": "string",
                    "description": "The field or parameter at fault, such as value, tags[1], transaction.currency or limit. Left out when the error concerns no single field.",
                    "examples": [
                      "value"
                    ]
                  },
                  "message": {
                    "type": "string",
                    "description": "What went wrong, as a full sentence.",
                    "examples": [
                      "A PDQ hash has 64 hexadecimal characters; this one has 63."
                    ]
                  }
                }
              }
            },
            "examples": [
              {
                "error": {
                  "code": "invalid_field",
                  "field": "tags[1]",
                  "message": "'sextorsion' is not a tag of taxonomy 2024.1. Did you mean 'sextortion'?"
                }
              }
            ]
          }
        }
      }
    }
    """#
}
