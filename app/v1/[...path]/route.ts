import { unknownRouteHandlers } from "@/server/http/unknown-route";

export const { GET, POST, PUT, PATCH, DELETE } = unknownRouteHandlers;
