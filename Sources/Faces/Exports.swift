// Users of Faces work with images and (for custom models) tensors; re-export both.
@_exported import Imaging
@_exported import Neural
