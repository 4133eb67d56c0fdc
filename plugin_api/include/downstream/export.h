#pragma once
// DOWNSTREAM_API marks the SDK's types and functions that cross the boundary
// between the host and a plugin library. Everything else is hidden.
#define DOWNSTREAM_API __attribute__((visibility("default")))
