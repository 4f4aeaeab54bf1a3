"""The public site as the core composes it from the registry: pages and the mixins every
type's views share (``views``), feeds, the sitemap, structured data and the navigation
(``context_processors``)."""
