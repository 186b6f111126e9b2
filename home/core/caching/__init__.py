"""Caching of the public site, in one place: what is kept, for whom, and what empties it.

Everything rests on the **content generation** (``generation``): one value in Django's cache
that every public change replaces. Nothing cached for the public outlives it.

* **The page cache of anonymous visitors** (``middleware.PageCacheMiddleware``, right below
  WhiteNoise and the security headers, so a hit skips every other middleware).

  - *Who gets cached pages*: only GET requests that carry no cookie but the CSRF and language
    ones. A session cookie (anyone logged in, or an anonymous visitor with messages) or a
    messages cookie skips the cache both ways. A response is stored only if the view stored
    nothing in the session, set no cookie, did not mark itself private or uncacheable, and
    comes from an anonymous request: nothing that depends on a session is ever stored.
  - *Forms*: a page whose form carries a CSRF token is stored with the token replaced by a
    placeholder; each visitor served from the cache gets a token of their own in its place
    (and the CSRF cookie that goes with it). No visitor ever receives another's token.
  - Every entry records the generation it was made in, and is served only while that
    generation is current. Each worker also keeps the pages it served last
    (``PAGE_CACHE_RECENT_PAGES``), valid only while the shared generation is theirs, and no
    longer than the shared entry they copy (signed image URLs of a bucket must still work). The
    generation and the page are read in one cache round trip. Entries also expire after
    ``PAGE_CACHE_TIMEOUT`` seconds, so that time-dependent parts (upcoming events, a
    declaration's deadline) are never older than that.

* **What pages are made of, per generation** (``generation``): ``GenerationMemo`` keeps in a
  process what it computed for the generation (the page found for a URL, a page's
  translations and parent, the published associations); ``SharedPerGeneration`` computes a
  value once per generation for all the workers (the site's skeleton, the library's facet
  index) and memoises it in each. Every worker of every host pays a page's first rendering
  after each change: reading all of it again costs a few queries (the tree one, the skeleton
  two, the page of a URL two, the library's index two), so that even then a public page takes
  at most 12 queries, whatever the amount of content (``tests/site/test_query_counts.py``).

* **Cached fragments** (``fragments``): the heavy listings are ``{% cache %}`` blocks keyed by
  the generation, for everyone; their data is a typed object computed only if the fragment
  is not in the cache (``fragments.deferred``).

* **What starts a new generation** (``invalidation``): a publish, unpublish, move, deletion,
  translation sync (wagtail-localize publishes or creates aliases), a published association
  profile, a confirmed or withdrawn signature, a settings, taxonomy, document or image change.
  A page is rendered from many objects (menus, listings, counts, the language switcher), so
  one generation is the one invalidation that cannot miss a page.

All workers must read the same generation: production uses Redis (``REDIS_URL``) or files
shared by the workers (``CACHE_DIR``), never one process's memory. Settings:
``PAGE_CACHE_ENABLED`` (``PAGE_CACHE=0`` turns the page cache off), ``PAGE_CACHE_TIMEOUT``,
``PAGE_CACHE_EXCLUDED_PREFIXES``, ``PAGE_CACHE_RECENT_PAGES``, ``FRAGMENT_CACHE_ENABLED``.
"""
