/* The HTML parser's passes over every element, screened in C (`newsarchive.parse._scan`).

   Each function reads libxml2's nodes under an lxml element directly and hands Python only the
   elements a pass may act on; the pass's Python body is unchanged. A screen errs one way only:
   an element handed over may still come to nothing, an element left out provably would. The
   word and name sets come from the Python modules that read them too. Built as an optional
   extension: without it each pass visits every element in Python.

   `candidates(root, cache, flags_of, css_mask, any_mask, label_words, path_words, special_tags,
   rare_names)`, for `html_page.read_page`: the elements under (and including) `root` in
   document order, as `root.iter(etree.Element)` gives them, that

   - have a tag the pass reads specially (`special_tags`), a link with `rel` included; a link
     without `rel` only when its `href` may be an author folder (`is_author_path`: non-ASCII, or
     a `/`-separated segment, lowercased, in `path_words`);
   - are leaves (no child element, comment, instruction or entity) whose text may be an author
     label (`is_author_label`: non-ASCII and at most 120 bytes, or ASCII of at most 30 characters
     whose stripped text less one closing colon, lowercased, is in `label_words`);
   - name one of the rarer attributes (`rare_names`);
   - have a class value whose flags meet `css_mask`, or an id value whose flags meet `any_mask`
     (the flags from `cache`, else from `flags_of`: `value_flags`, which the loop would call);
   - hold an attribute value libxml2 stores other than as one text node (read by lxml, never here).

   `ascii_flags(value, word_bits, token_bits, substrings)`, for `body.value_flags`: its flags of
   an ASCII class or id value, computed without a regex or a list of words (None for the values
   it leaves to the Python definition).

   `author_link_candidates(root, link_firsts, p_firsts)`, for `html_byline.author_link_refs`:
   the links and paragraphs that may be, or hold, an author's link (see below).

   `raw_len(element)`, for `body._raw_len`: `collapsed_len` of the element's text, read from
   libxml2's text nodes without serialising them.

   `collapsed_len(text)`, for `body._raw_len`: `len(" ".join(text.split()))`, counted in one pass.

   `clean_walk(root, decide, ...)`, for `body.clean_tree`: its walk, calling `decide` only where
   it may act (see below). `scored(root, ...)`, for `body.score_candidates`: its elements whose
   cleaned text can reach the length scoring needs. */

#define PY_SSIZE_T_CLEAN
#include <Python.h>
#include <libxml/tree.h>

/* The start of lxml's `_Element` (lxml/etree.h, `struct LxmlElement`): stable since lxml 2. */
typedef struct {
    PyObject_HEAD
    void *doc;
    xmlNode *c_node;
} LxmlElementHead;

typedef PyObject *(*element_factory_t)(void *doc, xmlNode *c_node);

static element_factory_t element_factory = NULL;
static PyObject *element_type = NULL;

/* A frozenset of names (tags, attributes) as C strings, made once a call. */
#define MAX_NAMES 64
typedef struct {
    Py_ssize_t count;
    const char *names[MAX_NAMES];
    size_t lengths[MAX_NAMES];
    unsigned long long by_length; /* bit n: a name of n bytes (n < 64) is in the set */
} NameSet;

static int name_set(PyObject *names, NameSet *set) {
    if (!PyFrozenSet_Check(names) || PySet_GET_SIZE(names) > MAX_NAMES) {
        PyErr_SetString(PyExc_TypeError, "expected a frozenset of at most 64 names");
        return -1;
    }
    PyObject *iterator = PyObject_GetIter(names), *name;
    if (iterator == NULL) return -1;
    set->count = 0;
    set->by_length = 0;
    while ((name = PyIter_Next(iterator)) != NULL) {
        Py_ssize_t length;
        const char *text = PyUnicode_AsUTF8AndSize(name, &length); /* kept alive by the frozenset */
        Py_DECREF(name);
        if (text == NULL) break;
        set->names[set->count] = text;
        set->lengths[set->count++] = (size_t)length;
        set->by_length |= length < 64 ? 1ULL << length : 0;
    }
    Py_DECREF(iterator);
    return PyErr_Occurred() ? -1 : 0;
}

/* Whether the set holds `name`, or with `fold` the ASCII name lowercased (`str.lower`). Names
   are compared only with the set's names of the same length: most tags meet none. */
static int in_set(const xmlChar *name, const NameSet *set, int fold) {
    size_t length = strlen((const char *)name);
    if (length < 64 && !(set->by_length >> length & 1)) return 0;
    for (Py_ssize_t i = 0; i < set->count; i++) {
        if (set->lengths[i] != length) continue;
        const char *other = set->names[i];
        size_t at = 0;
        for (; at < length; at++) {
            unsigned char c = name[at];
            if (fold && c >= 'A' && c <= 'Z') c += 32;
            if (c != (unsigned char)other[at]) break;
        }
        if (at == length) return 1;
    }
    return 0;
}

static int in_names(const xmlChar *name, const NameSet *set) { return in_set(name, set, 0); }

static int in_names_folded(const xmlChar *name, const NameSet *set) { return in_set(name, set, 1); }

static int counts_as_child(const xmlNode *node) {
    return node->type == XML_ELEMENT_NODE || node->type == XML_COMMENT_NODE ||
           node->type == XML_ENTITY_REF_NODE || node->type == XML_PI_NODE;
}

static int is_space(unsigned char c) {
    /* str.strip()'s and str.split()'s whitespace among ASCII characters */
    return c == ' ' || (c >= 9 && c <= 13) || (c >= 28 && c <= 31);
}

/* 1 if the set holds the bytes [start, end) lowercased, 0 if not, -1 on error. */
static int lowered_in(PyObject *words, const unsigned char *start, const unsigned char *end) {
    char buffer[128];
    Py_ssize_t size = end - start;
    if (size <= 0 || size > (Py_ssize_t)sizeof buffer) return 0;
    for (Py_ssize_t i = 0; i < size; i++) {
        unsigned char c = start[i];
        buffer[i] = (char)(c >= 'A' && c <= 'Z' ? c + 32 : c);
    }
    PyObject *word = PyUnicode_DecodeASCII(buffer, size, NULL);
    if (word == NULL) return -1;
    int found = PySet_Contains(words, word);
    Py_DECREF(word);
    return found;
}

/* The leaf's text as lxml's `.text` reads it (`_collectText`): 1 to keep the leaf, 0 to pass it. */
static int may_be_label(const xmlNode *node, PyObject *label_words) {
    const xmlNode *first = node->children;
    if (first == NULL) return 0;
    if (first->type != XML_TEXT_NODE && first->type != XML_CDATA_SECTION_NODE) return 0;
    if (first->next != NULL) return 1; /* several text nodes: left to lxml */
    const unsigned char *text = (const unsigned char *)first->content;
    if (text == NULL) return 0;
    size_t size = strlen((const char *)text);
    if (size == 0) return 0;
    for (size_t i = 0; i < size; i++) {
        if (text[i] >= 0x80) return size <= 120; /* at most 30 characters take at most 120 bytes */
    }
    if (size > 30) return 0;
    const unsigned char *start = text, *end = text + size;
    while (start < end && is_space(*start)) start++;
    while (end > start && is_space(end[-1])) end--;
    if (end > start && end[-1] == ':') {
        end--;
        while (end > start && is_space(end[-1])) end--;
    }
    return lowered_in(label_words, start, end);
}

/* The value of an attribute without a namespace, as one text node: 1 and *value set (NULL
   when the attribute is absent, "" when it has no text), 0 when stored otherwise. */
static int plain_value(const xmlNode *node, const char *name, const xmlChar **value) {
    *value = NULL;
    for (const xmlAttr *attr = node->properties; attr != NULL; attr = attr->next) {
        if (attr->ns != NULL || strcmp((const char *)attr->name, name) != 0) continue;
        const xmlNode *child = attr->children;
        if (child == NULL) {
            *value = (const xmlChar *)"";
            return 1;
        }
        if (child->type != XML_TEXT_NODE || child->next != NULL || child->content == NULL) return 0;
        *value = child->content;
        return 1;
    }
    return 1;
}

static int may_be_author_link(const xmlNode *node, PyObject *path_words) {
    const xmlChar *href;
    if (!plain_value(node, "href", &href)) return 1;
    if (href == NULL) return 0;
    const unsigned char *start = (const unsigned char *)href;
    for (const unsigned char *c = start; *c; c++) {
        if (*c >= 0x80) return 1;
    }
    for (const unsigned char *c = start;; c++) {
        if (*c == '/' || *c == 0) {
            int found = lowered_in(path_words, start, c);
            if (found != 0) return found;
            if (*c == 0) return 0;
            start = c + 1;
        }
    }
}

/* 1 when the value is absent or empty or its flags have no bit of `mask`, 0 otherwise; -1 on
   error. The flags are the cache's, else `flags_of(value)` (`value_flags`, which caches them). */
static int value_passes(const xmlChar *value, PyObject *cache, PyObject *flags_of, unsigned long long mask) {
    if (value == NULL || value[0] == 0) return 1;
    PyObject *key = PyUnicode_DecodeUTF8((const char *)value, (Py_ssize_t)strlen((const char *)value), NULL);
    if (key == NULL) {
        PyErr_Clear();
        return 0; /* lxml would raise or read it otherwise: left to the loop */
    }
    PyObject *flags = PyDict_GetItemWithError(cache, key);
    Py_XINCREF(flags);
    if (flags == NULL && !PyErr_Occurred()) flags = PyObject_CallOneArg(flags_of, key);
    Py_DECREF(key);
    if (flags == NULL) return -1;
    unsigned long long bits = PyLong_AsUnsignedLongLongMask(flags);
    Py_DECREF(flags);
    if (bits == (unsigned long long)-1 && PyErr_Occurred()) return -1;
    return (bits & mask) == 0;
}

/* 1 when the element's class and id values both pass (`value_passes`, the class against
   `css_mask`, the id against `id_mask`), 0 when either may matter to the pass or is not
   plain text, -1 on error: the last step shared by the screens. */
static int values_pass(const xmlNode *node, PyObject *cache, PyObject *flags_of, unsigned long long css_mask,
                       unsigned long long id_mask) {
    const xmlChar *css, *ident;
    if (!plain_value(node, "class", &css) || !plain_value(node, "id", &ident)) return 0;
    int passes = value_passes(css, cache, flags_of, css_mask);
    if (passes <= 0) return passes;
    return value_passes(ident, cache, flags_of, id_mask);
}

typedef struct {
    PyObject *cache, *flags_of;
    unsigned long long css_mask, any_mask;
    PyObject *label_words, *path_words;
    NameSet special, rare;
} PageScreen;

/* 1 to keep the element, 0 to pass it, -1 on error. */
static int keep(const xmlNode *node, const PageScreen *screen) {
    const xmlChar *name = node->name;
    if (node->ns != NULL || name == NULL) return 1; /* a namespaced tag: left to the loop */
    if (strcmp((const char *)name, "a") == 0) {
        const xmlChar *rel;
        if (!plain_value(node, "rel", &rel) || rel != NULL) return 1;
        int found = may_be_author_link(node, screen->path_words);
        if (found) return found;
    } else if (in_names(name, &screen->special)) {
        return 1;
    }
    int leaf = 1;
    for (const xmlNode *child = node->children; child != NULL; child = child->next) {
        if (counts_as_child(child)) {
            leaf = 0;
            break;
        }
    }
    if (leaf) {
        int found = may_be_label(node, screen->label_words);
        if (found) return found;
    }
    if (node->properties == NULL) return 0;
    for (const xmlAttr *attr = node->properties; attr != NULL; attr = attr->next) {
        if (attr->name != NULL && in_names(attr->name, &screen->rare)) return 1;
    }
    int passes = values_pass(node, screen->cache, screen->flags_of, screen->css_mask, screen->any_mask);
    return passes < 0 ? -1 : !passes;
}

/* The element after `node` in document order within `top` (`root.iter()`'s order), or NULL. */
static xmlNode *next_element(xmlNode *node, const xmlNode *top) {
    for (xmlNode *child = node->children; child != NULL; child = child->next) {
        if (child->type == XML_ELEMENT_NODE) return child;
    }
    while (node != top) {
        for (xmlNode *sibling = node->next; sibling != NULL; sibling = sibling->next) {
            if (sibling->type == XML_ELEMENT_NODE) return sibling;
        }
        node = node->parent;
    }
    return NULL;
}

static xmlNode *element_node(PyObject *element) {
    int is_element = PyObject_IsInstance(element, element_type);
    if (is_element <= 0) {
        if (is_element == 0) PyErr_SetString(PyExc_TypeError, "expected an lxml element");
        return NULL;
    }
    xmlNode *node = ((LxmlElementHead *)element)->c_node;
    if (node == NULL) PyErr_SetString(PyExc_ValueError, "an element without a node");
    return node;
}

/* Appends the proxy of `node` to `found`; -1 on error. */
static int append_node(PyObject *found, PyObject *root, xmlNode *node) {
    PyObject *element = element_factory(((LxmlElementHead *)root)->doc, node);
    if (element == NULL) return -1;
    int failed = PyList_Append(found, element);
    Py_DECREF(element);
    return failed;
}

static PyObject *candidates(PyObject *module, PyObject *args) {
    (void)module;
    PyObject *root, *special, *rare;
    PageScreen screen;
    if (!PyArg_ParseTuple(args, "OO!OKKO!O!O!O!", &root, &PyDict_Type, &screen.cache, &screen.flags_of, &screen.css_mask,
                          &screen.any_mask, &PyFrozenSet_Type, &screen.label_words, &PyFrozenSet_Type,
                          &screen.path_words, &PyFrozenSet_Type, &special, &PyFrozenSet_Type, &rare))
        return NULL;
    if (name_set(special, &screen.special) < 0 || name_set(rare, &screen.rare) < 0) return NULL;
    xmlNode *top = element_node(root);
    if (top == NULL) return NULL;
    PyObject *found = PyList_New(0);
    if (found == NULL) return NULL;
    if (top->type != XML_ELEMENT_NODE) return found;
    xmlNode *node = top;
    while (node != NULL) {
        int kept = keep(node, &screen);
        if (kept < 0 || (kept && append_node(found, root, node) < 0)) {
            Py_DECREF(found);
            return NULL;
        }
        node = next_element(node, top);
    }
    return found;
}

/* --- cleaning (`body.clean_tree`) --- */

typedef struct {
    PyObject *cache, *flags_of;
    unsigned long long mask;
    NameSet drop, never_drop, hiding, stop;
} CleanScreen;

static int is_ascii(const xmlChar *text) {
    for (; *text; text++) {
        if (*text >= 0x80) return 0;
    }
    return 1;
}

/* 1 when `decide` may act on the element (drop it, replace it, read it as hidden, stop at it). */
static int clean_keep(const xmlNode *node, const CleanScreen *screen) {
    const xmlChar *name = node->name;
    /* a namespaced or non-ASCII tag (which `str.lower` may fold into an ASCII one): left to `decide` */
    if (node->ns != NULL || name == NULL || !is_ascii(name)) return 1;
    if (in_names_folded(name, &screen->stop) || in_names_folded(name, &screen->drop)) return 1;
    if (node->properties == NULL) return 0;
    for (const xmlAttr *attr = node->properties; attr != NULL; attr = attr->next) {
        if (attr->name != NULL && in_names(attr->name, &screen->hiding)) return 1;
    }
    if (in_names_folded(name, &screen->never_drop)) return 0;
    int passes = values_pass(node, screen->cache, screen->flags_of, screen->mask, screen->mask);
    return passes < 0 ? -1 : !passes;
}

/* Doubles a node array (`PyMem_Realloc`); -1 with MemoryError set when it cannot. */
static int grow(xmlNode ***nodes, Py_ssize_t *capacity) {
    xmlNode **larger = PyMem_Realloc(*nodes, 2 * *capacity * sizeof **nodes);
    if (larger == NULL) {
        PyErr_NoMemory();
        return -1;
    }
    *nodes = larger;
    *capacity *= 2;
    return 0;
}

/* `clean_tree`'s walk: the children of each element taken off the stack are read in order
   (a copy of the list: `decide` removes them), `decide(child)` is called for those it may act
   on and says whether to enter them; the others are entered. `decide` may act on a comment or
   instruction, a tag in `drop` or `stop` (lowercased), an element with an attribute in `hiding`,
   and one not in `never_drop` whose class or id has flags of `mask` (from `cache`, else
   `flags_of`): the flags `decide` acts on. */
static PyObject *clean_walk(PyObject *module, PyObject *args) {
    (void)module;
    PyObject *root, *decide, *drop, *never_drop, *hiding, *stop;
    CleanScreen screen;
    if (!PyArg_ParseTuple(args, "OOO!OKO!O!O!O!", &root, &decide, &PyDict_Type, &screen.cache, &screen.flags_of,
                          &screen.mask, &PyFrozenSet_Type, &drop,
                          &PyFrozenSet_Type, &never_drop, &PyFrozenSet_Type, &hiding, &PyFrozenSet_Type, &stop))
        return NULL;
    if (name_set(drop, &screen.drop) < 0 || name_set(never_drop, &screen.never_drop) < 0 ||
        name_set(hiding, &screen.hiding) < 0 || name_set(stop, &screen.stop) < 0)
        return NULL;
    xmlNode *top = element_node(root);
    if (top == NULL) return NULL;
    Py_ssize_t size = 0, capacity = 256, count, room = 64;
    xmlNode **stack = PyMem_Malloc(capacity * sizeof *stack);
    xmlNode **children = PyMem_Malloc(room * sizeof *children);
    if (stack == NULL || children == NULL) {
        PyErr_NoMemory();
        goto error;
    }
    stack[size++] = top;
    while (size > 0) {
        xmlNode *node = stack[--size];
        count = 0;
        for (xmlNode *child = node->children; child != NULL; child = child->next) {
            if (!counts_as_child(child)) continue;
            if (count == room && grow(&children, &room) < 0) goto error;
            children[count++] = child;
        }
        for (Py_ssize_t i = 0; i < count; i++) {
            xmlNode *child = children[i];
            int enter = 0;
            int kept = child->type == XML_ELEMENT_NODE ? clean_keep(child, &screen) : 1;
            if (kept < 0) goto error;
            if (kept) {
                PyObject *element = element_factory(((LxmlElementHead *)root)->doc, child);
                if (element == NULL) goto error;
                PyObject *result = PyObject_CallOneArg(decide, element);
                Py_DECREF(element); /* a removed child may be freed here: not read again */
                if (result == NULL) goto error;
                enter = PyObject_IsTrue(result);
                Py_DECREF(result);
                if (enter < 0) goto error;
            } else {
                enter = 1;
            }
            if (enter) {
                if (size == capacity && grow(&stack, &capacity) < 0) goto error;
                stack[size++] = child;
            }
        }
    }
    PyMem_Free(stack);
    PyMem_Free(children);
    Py_RETURN_NONE;
error:
    PyMem_Free(stack);
    PyMem_Free(children);
    return NULL;
}

/* --- scoring (`body.score_candidates`) --- */

/* Adds to *bound at least the length `clean_text` can give the text (its non-space bytes, and
   one space a word: `" ".join(text.split())`, a byte at least a character). */
static void add_text_bound(const xmlChar *text, Py_ssize_t *bound) {
    if (text == NULL) return;
    int in_word = 0;
    for (const unsigned char *c = (const unsigned char *)text; *c; c++) {
        if (is_space(*c)) {
            in_word = 0;
        } else {
            *bound += in_word ? 1 : 2;
            in_word = 1;
        }
    }
}

static int is_text_node(const xmlNode *node) {
    return node->type == XML_TEXT_NODE || node->type == XML_CDATA_SECTION_NODE;
}

/* The bound of all the text inside `top` (libxml2's text serialisation), stopping at `enough`. */
static Py_ssize_t subtree_bound(const xmlNode *top, Py_ssize_t enough) {
    Py_ssize_t bound = 0;
    const xmlNode *node = top->children;
    while (node != NULL && bound < enough) {
        if (is_text_node(node)) add_text_bound(node->content, &bound);
        if (node->type == XML_ELEMENT_NODE && node->children != NULL) {
            node = node->children;
            continue;
        }
        while (node->next == NULL && node->parent != top) node = node->parent;
        node = node->next;
    }
    return bound;
}

/* `score_candidates`' elements (tags in `tags`, as `root.iter(*tags)` finds them) whose text
   can reach `min_chars` once cleaned: a container without an `inline` child is measured by its
   own text and its children's tails, every other element by all its text. */
static PyObject *scored(PyObject *module, PyObject *args) {
    (void)module;
    PyObject *root, *tags, *containers, *inline_tags;
    Py_ssize_t min_chars;
    NameSet tag_set, container_set, inline_set;
    if (!PyArg_ParseTuple(args, "OO!O!O!n", &root, &PyFrozenSet_Type, &tags, &PyFrozenSet_Type, &containers,
                          &PyFrozenSet_Type, &inline_tags, &min_chars))
        return NULL;
    if (name_set(tags, &tag_set) < 0 || name_set(containers, &container_set) < 0 ||
        name_set(inline_tags, &inline_set) < 0)
        return NULL;
    xmlNode *top = element_node(root);
    if (top == NULL) return NULL;
    PyObject *found = PyList_New(0);
    if (found == NULL) return NULL;
    xmlNode *node = top;
    while (node != NULL) {
        if (node->type == XML_ELEMENT_NODE && node->ns == NULL && node->name != NULL &&
            in_names(node->name, &tag_set)) {
            int direct = in_names(node->name, &container_set);
            for (const xmlNode *child = node->children; direct && child != NULL; child = child->next) {
                if (child->type == XML_ELEMENT_NODE && child->ns == NULL && child->name != NULL &&
                    in_names(child->name, &inline_set))
                    direct = 0;
            }
            Py_ssize_t bound = 0;
            if (direct) {
                for (const xmlNode *child = node->children; child != NULL && bound < min_chars; child = child->next) {
                    if (is_text_node(child)) add_text_bound(child->content, &bound);
                }
            } else {
                bound = subtree_bound(node, min_chars);
            }
            if (bound >= min_chars && append_node(found, root, node) < 0) {
                Py_DECREF(found);
                return NULL;
            }
        }
        node = next_element(node, top);
    }
    return found;
}

/* --- class and id words (`body.value_flags`) --- */

/* A word table: the ASCII keys of a `{str: int}` dict of at most `MAX_WORD` bytes, hashed
   (FNV-1a) into open addressing, rebuilt when the dict or the registration count changes. */
#define MAX_WORD 63
typedef struct {
    unsigned char length; /* 0: an empty slot */
    char word[MAX_WORD];
    unsigned long long bits;
} WordSlot;
typedef struct {
    PyObject *dict; /* compared by identity */
    long version;
    size_t mask;
    WordSlot *slots;
} WordTable;
static WordTable word_table = {NULL, -1, 0, NULL}, token_table = {NULL, -1, 0, NULL};

static size_t word_hash(const char *word, Py_ssize_t length) {
    size_t hash = 1469598103934665603ULL;
    for (Py_ssize_t i = 0; i < length; i++) hash = (hash ^ (unsigned char)word[i]) * 1099511628211ULL;
    return hash;
}

/* Fills `table` from `dict` for `version`; -1 on error (a key that is not an ASCII str of at
   most MAX_WORD bytes, or a value that is no 64-bit int, raises ValueError/OverflowError). */
static int build_table(WordTable *table, PyObject *dict, long version) {
    size_t size = 16;
    while (size < 4 * (size_t)PyDict_GET_SIZE(dict)) size *= 2;
    WordSlot *slots = PyMem_Calloc(size, sizeof *slots);
    if (slots == NULL) {
        PyErr_NoMemory();
        return -1;
    }
    Py_ssize_t at = 0;
    PyObject *key, *value;
    while (PyDict_Next(dict, &at, &key, &value)) {
        if (!PyUnicode_Check(key) || !PyUnicode_IS_ASCII(key) || PyUnicode_GET_LENGTH(key) > MAX_WORD ||
            PyUnicode_GET_LENGTH(key) == 0) {
            PyMem_Free(slots);
            PyErr_SetString(PyExc_ValueError, "a word table key that is not a short ASCII word");
            return -1;
        }
        unsigned long long bits = PyLong_AsUnsignedLongLong(value);
        if (bits == (unsigned long long)-1 && PyErr_Occurred()) {
            PyMem_Free(slots);
            return -1;
        }
        const char *word = (const char *)PyUnicode_1BYTE_DATA(key);
        Py_ssize_t length = PyUnicode_GET_LENGTH(key);
        size_t slot = word_hash(word, length) & (size - 1);
        while (slots[slot].length) slot = (slot + 1) & (size - 1);
        slots[slot].length = (unsigned char)length;
        memcpy(slots[slot].word, word, (size_t)length);
        slots[slot].bits = bits;
    }
    PyMem_Free(table->slots);
    Py_INCREF(dict); /* held, so that no other dict takes its address while the table is kept */
    Py_XDECREF(table->dict);
    table->slots = slots, table->mask = size - 1, table->dict = dict, table->version = version;
    return 0;
}

/* ORs into `*found` the bits `table` holds for the `length` bytes at `word`. */
static void or_bits(const WordTable *table, const char *word, Py_ssize_t length, unsigned long long *found) {
    if (length > MAX_WORD) return;
    for (size_t slot = word_hash(word, length) & table->mask; table->slots[slot].length;
         slot = (slot + 1) & table->mask) {
        const WordSlot *entry = &table->slots[slot];
        if (entry->length == length && memcmp(entry->word, word, (size_t)length) == 0) {
            *found |= entry->bits;
            return;
        }
    }
}

/* The whitespace `str.split()` splits an ASCII text at. */
static int is_split_space(unsigned char c) { return c == ' ' || (c >= 9 && c <= 13) || (c >= 28 && c <= 31); }

/* `value_flags`'s computation for an ASCII value without "omment" (see `body.value_flags`):
   its words (runs of letters, broken where a lower-case letter meets a capital), lowercased,
   looked up in `word_bits`; its whitespace-separated tokens, lowercased with `-` and `_`
   removed, in `token_bits` (both copied into C hash tables, made again when the dict or
   `version`, the count of registered word sets, changes); each `(part, bit)` of `substrings` found in the lowercased value.
   None for any other value (or bits wider than 64), which the Python definition computes. */
static PyObject *ascii_flags(PyObject *module, PyObject *args) {
    (void)module;
    PyObject *value, *word_bits, *token_bits, *substrings;
    long version;
    if (!PyArg_ParseTuple(args, "UO!O!O!l", &value, &PyDict_Type, &word_bits, &PyDict_Type, &token_bits, &PyList_Type,
                          &substrings, &version))
        return NULL;
    if (((word_table.dict != word_bits || word_table.version != version) &&
         build_table(&word_table, word_bits, version) < 0) ||
        ((token_table.dict != token_bits || token_table.version != version) &&
         build_table(&token_table, token_bits, version) < 0))
        goto unsupported;
    if (!PyUnicode_IS_ASCII(value)) Py_RETURN_NONE;
    const char *text = (const char *)PyUnicode_1BYTE_DATA(value);
    Py_ssize_t length = PyUnicode_GET_LENGTH(value);
    if (length >= 6 && memmem(text, (size_t)length, "omment", 6) != NULL) Py_RETURN_NONE;
    char small[512];
    char *lowered = length <= (Py_ssize_t)(sizeof small / 2) ? small : PyMem_Malloc(2 * (size_t)length + 1);
    if (lowered == NULL) return PyErr_NoMemory();
    char *token = lowered + length;
    unsigned long long found = 0;
    int failed = 0;
    for (Py_ssize_t i = 0; i < length; i++) {
        char c = text[i];
        lowered[i] = (c >= 'A' && c <= 'Z') ? (char)(c + 32) : c;
    }
    for (Py_ssize_t i = 0; i < length && !failed;) {
        if (lowered[i] < 'a' || lowered[i] > 'z') {
            i++;
            continue;
        }
        Py_ssize_t end = i + 1;
        while (end < length && lowered[end] >= 'a' && lowered[end] <= 'z' &&
               !(text[end - 1] >= 'a' && text[end - 1] <= 'z' && text[end] >= 'A' && text[end] <= 'Z'))
            end++;
        or_bits(&word_table, lowered + i, end - i, &found);
        i = end;
    }
    Py_ssize_t held = 0;
    for (Py_ssize_t i = 0; i <= length && !failed; i++) {
        if (i == length || is_split_space((unsigned char)lowered[i])) {
            if (held) or_bits(&token_table, token, held, &found);
            held = 0;
        } else if (lowered[i] != '-' && lowered[i] != '_') {
            token[held++] = lowered[i];
        }
    }
    for (Py_ssize_t at = 0; at < PyList_GET_SIZE(substrings) && !failed; at++) {
        PyObject *pair = PyList_GET_ITEM(substrings, at), *part, *bit;
        if (!PyTuple_Check(pair) || PyTuple_GET_SIZE(pair) != 2 || !PyUnicode_Check(part = PyTuple_GET_ITEM(pair, 0))) {
            PyErr_SetString(PyExc_TypeError, "expected (str, int) pairs");
            failed = 1;
            break;
        }
        if (!PyUnicode_IS_ASCII(part)) continue; /* never inside an ASCII value */
        Py_ssize_t size = PyUnicode_GET_LENGTH(part);
        if (size && memmem(lowered, (size_t)length, PyUnicode_1BYTE_DATA(part), (size_t)size) == NULL) continue;
        bit = PyTuple_GET_ITEM(pair, 1);
        unsigned long long bits = PyLong_AsUnsignedLongLong(bit);
        if (bits == (unsigned long long)-1 && PyErr_Occurred()) failed = 1;
        else found |= bits;
    }
    if (lowered != small) PyMem_Free(lowered);
    if (failed) goto unsupported;
    return PyLong_FromUnsignedLongLong(found);
unsupported: /* words or bits the tables cannot hold: left to the Python definition */
    if (!PyErr_ExceptionMatches(PyExc_OverflowError) && !PyErr_ExceptionMatches(PyExc_ValueError)) return NULL;
    PyErr_Clear();
    Py_RETURN_NONE;
}

/* --- the author's links (`html_byline.author_link_refs`) --- */

static int is_tag(const xmlNode *node, const char *name) {
    return node != NULL && node->type == XML_ELEMENT_NODE && node->ns == NULL && node->name != NULL &&
           strcmp((const char *)node->name, name) == 0;
}

/* The node after `node` in document order within `top`, of any type (text included), or NULL. */
static const xmlNode *next_node(const xmlNode *node, const xmlNode *top) {
    if (node->type == XML_ELEMENT_NODE && node->children != NULL) return node->children;
    while (node != top) {
        if (node->next != NULL) return node->next;
        node = node->parent;
    }
    return NULL;
}

/* How a text opening may read, for the screens below: the first character of `top`'s text
   (its text nodes in document order), after whitespace and, with `at_signs`, after `@`s.
   1: it may pass (`firsts` holds it, lowercased with `fold`; or it is not ASCII, or whitespace
   after `@`s; or a node other than text or an element comes first: left to Python), 0: it
   cannot (no such character, or an ASCII one `firsts` lacks). */
static int opening_may_pass(const xmlNode *top, const char *firsts, int fold, int at_signs) {
    int after_at = 0;
    for (const xmlNode *node = top->children ? top->children : NULL; node != NULL; node = next_node(node, top)) {
        if (node->type == XML_ELEMENT_NODE) continue;
        if (node->type != XML_TEXT_NODE && node->type != XML_CDATA_SECTION_NODE) return 1;
        const unsigned char *c = (const unsigned char *)node->content;
        if (c == NULL) continue;
        for (; *c; c++) {
            if (*c >= 0x80) return 1;
            if (is_space(*c)) {
                if (after_at) return 1;
                continue;
            }
            if (at_signs && *c == '@') {
                after_at = 1;
                continue;
            }
            unsigned char first = fold && *c >= 'A' && *c <= 'Z' ? (unsigned char)(*c + 32) : *c;
            return strchr(firsts, first) != NULL;
        }
    }
    return 0;
}

/* `author_link_candidates(root, link_firsts, p_firsts)`: the `a` and `p` elements under (and
   including) `root`, in document order as `root.iter("a", "p")` gives them, that
   `author_link_refs` may act on: a `p` whose text may open with a name (its first character
   in `p_firsts`, the names' ASCII first characters); an `a` with an `href` not opening with
   `#`, `javascript:` or `mailto:` whose text may be a name (its first character after `@`s,
   lowercased, in `link_firsts`) or whose paragraph (the first `p` among its parent,
   grandparent and great-grandparent) is such a `p`. Non-ASCII characters, and values
   libxml2 stores other than as one text node, are left to Python. */
static PyObject *author_link_candidates(PyObject *module, PyObject *args) {
    (void)module;
    PyObject *root;
    const char *link_firsts, *p_firsts;
    if (!PyArg_ParseTuple(args, "Oss", &root, &link_firsts, &p_firsts)) return NULL;
    xmlNode *top = element_node(root);
    if (top == NULL) return NULL;
    PyObject *found = PyList_New(0);
    if (found == NULL) return NULL;
    if (top->type != XML_ELEMENT_NODE) return found;
    Py_ssize_t capacity = 64, count = 0; /* the paragraphs kept: a link may be their note's */
    xmlNode **kept = PyMem_Malloc((size_t)capacity * sizeof *kept);
    if (kept == NULL) {
        Py_DECREF(found);
        return PyErr_NoMemory();
    }
    for (xmlNode *node = top; node != NULL; node = next_element(node, top)) {
        int take = 0;
        if (is_tag(node, "p")) {
            take = opening_may_pass(node, p_firsts, 0, 0);
            if (take && count == capacity && grow(&kept, &capacity) < 0) goto failed;
            if (take) kept[count++] = node;
        } else if (is_tag(node, "a")) {
            const xmlChar *href;
            if (!plain_value(node, "href", &href)) {
                take = 1;
            } else if (href != NULL && href[0] != 0 && href[0] != '#' &&
                       strncmp((const char *)href, "javascript:", 11) != 0 &&
                       strncmp((const char *)href, "mailto:", 7) != 0) {
                const xmlNode *block = node->parent;
                for (int level = 0; level < 2 && block != NULL && !is_tag(block, "p"); level++) block = block->parent;
                if (is_tag(block, "p")) {
                    for (Py_ssize_t i = 0; i < count && !take; i++) take = kept[i] == block;
                }
                if (!take) take = opening_may_pass(node, link_firsts, 1, 1);
            }
        }
        if (take && append_node(found, root, node) < 0) goto failed;
    }
    PyMem_Free(kept);
    return found;
failed:
    PyMem_Free(kept);
    Py_DECREF(found);
    return NULL;
}

/* `len(" ".join(text.split()))` for a str, without the list of words or the joined copy:
   the characters outside whitespace (`str.split`'s: `Py_UNICODE_ISSPACE`) plus one space
   between each two runs of them. For `body._raw_len`, whose texts reach 460,000 characters. */
#define COLLAPSED_LOOP(TYPE)                                      \
    do {                                                          \
        const TYPE *chars = (const TYPE *)data;                   \
        for (Py_ssize_t i = 0; i < length; i++) {                 \
            if (Py_UNICODE_ISSPACE(chars[i])) {                   \
                in_word = 0;                                      \
            } else {                                              \
                if (!in_word) {                                   \
                    runs++;                                       \
                    in_word = 1;                                  \
                }                                                 \
                kept++;                                           \
            }                                                     \
        }                                                         \
    } while (0)

/* 1 for the characters below 256 `str.split` splits at; filled when the module loads. */
static unsigned char latin1_space[256];

static PyObject *collapsed_len(PyObject *module, PyObject *text) {
    (void)module;
    if (!PyUnicode_Check(text)) {
        PyErr_SetString(PyExc_TypeError, "collapsed_len expects a str");
        return NULL;
    }
    if (PyUnicode_READY(text) < 0) return NULL;
    Py_ssize_t length = PyUnicode_GET_LENGTH(text), kept = 0, runs = 0;
    int in_word = 0;
    const void *data = PyUnicode_DATA(text);
    switch (PyUnicode_KIND(text)) {
    case PyUnicode_1BYTE_KIND: {
        /* the common case, without a branch a character: the table holds the whitespace below
           256 (9-13, 28-32, 0x85, 0xa0); `runs` counts the words as whitespace-to-text steps */
        const unsigned char *space = latin1_space;
        const Py_UCS1 *chars = (const Py_UCS1 *)data;
        unsigned int before = 1, blank = 0;
        Py_ssize_t spaces = 0;
        for (Py_ssize_t i = 0; i < length; i++) {
            blank = space[chars[i]];
            runs += before & (blank ^ 1);
            spaces += blank;
            before = blank;
        }
        kept = length - spaces;
        break;
    }
    case PyUnicode_2BYTE_KIND:
        COLLAPSED_LOOP(Py_UCS2);
        break;
    default:
        COLLAPSED_LOOP(Py_UCS4);
        break;
    }
    return PyLong_FromSsize_t(runs ? kept + runs - 1 : 0);
}

/* `raw_len(element)`, for `body._raw_len`: `collapsed_len` of the element's text as lxml's
   `tostring(method="text", with_tail=False)` gives it (libxml2's `xmlNodeBufGetContent`: the
   text and CDATA nodes under it in document order), read from the nodes' UTF-8 without the
   copy and the str: characters outside whitespace plus one between each two runs of them.
   -1 for what it does not read (not an element; an entity reference, comment or instruction
   under it; bytes that are not UTF-8): `_raw_len` measures those as before. */
static PyObject *raw_len(PyObject *module, PyObject *element) {
    (void)module;
    xmlNode *top = element_node(element);
    if (top == NULL) return NULL;
    if (top->type != XML_ELEMENT_NODE) return PyLong_FromLong(-1);
    Py_ssize_t kept = 0, runs = 0;
    unsigned int before = 1;
    for (const xmlNode *node = top->children; node != NULL; node = next_node(node, top)) {
        if (node->type == XML_ELEMENT_NODE) continue;
        if (node->type != XML_TEXT_NODE && node->type != XML_CDATA_SECTION_NODE) return PyLong_FromLong(-1);
        const unsigned char *c = (const unsigned char *)node->content;
        if (c == NULL) continue;
        while (*c) {
            unsigned int blank;
            if (*c < 0x80) {
                blank = latin1_space[*c];
                c++;
            } else {
                Py_UCS4 point, least;
                int more;
                if (*c >= 0xc2 && *c <= 0xdf) {
                    point = *c & 0x1f;
                    more = 1;
                    least = 0x80;
                } else if (*c >= 0xe0 && *c <= 0xef) {
                    point = *c & 0x0f;
                    more = 2;
                    least = 0x800;
                } else if (*c >= 0xf0 && *c <= 0xf4) {
                    point = *c & 0x07;
                    more = 3;
                    least = 0x10000;
                } else {
                    return PyLong_FromLong(-1);
                }
                c++;
                for (; more; more--, c++) {
                    if ((*c & 0xc0) != 0x80) return PyLong_FromLong(-1); /* the NUL ending the text included */
                    point = point << 6 | (*c & 0x3f);
                }
                if (point < least || point > 0x10ffff || (point >= 0xd800 && point <= 0xdfff))
                    return PyLong_FromLong(-1);
                blank = point < 256 ? latin1_space[point] : (Py_UNICODE_ISSPACE(point) ? 1u : 0u);
            }
            runs += before & (blank ^ 1);
            kept += blank ^ 1;
            before = blank;
        }
    }
    return PyLong_FromSsize_t(runs ? kept + runs - 1 : 0);
}

static PyMethodDef methods[] = {
    {"author_link_candidates", author_link_candidates, METH_VARARGS,
     "The a and p elements author_link_refs may act on, in document order."},
    {"raw_len", raw_len, METH_O, "collapsed_len of the element's text, read from its nodes; -1 if not read."},
    {"collapsed_len", collapsed_len, METH_O, "len(' '.join(text.split())) without the words or the copy."},
    {"ascii_flags", ascii_flags, METH_VARARGS, "value_flags for an ASCII value without 'omment', else None."},
    {"scored", scored, METH_VARARGS, "score_candidates' elements whose cleaned text can reach min_chars."},
    {"clean_walk", clean_walk, METH_VARARGS, "clean_tree's walk, calling decide(child) where it may act."},
    {"candidates", candidates, METH_VARARGS, "The elements read_page's loop body may act on, in document order."},
    {NULL, NULL, 0, NULL},
};

static struct PyModuleDef module_def = {PyModuleDef_HEAD_INIT, "_scan", NULL, -1, methods, NULL, NULL, NULL, NULL};

PyMODINIT_FUNC PyInit__scan(void) {
    for (int c = 0; c < 256; c++) latin1_space[c] = (unsigned char)(Py_UNICODE_ISSPACE((Py_UCS4)c) ? 1 : 0);
    PyObject *etree = PyImport_ImportModule("lxml.etree");
    if (etree == NULL) return NULL;
    element_type = PyObject_GetAttrString(etree, "_Element");
    PyObject *capi = PyObject_GetAttrString(etree, "__pyx_capi__");
    Py_DECREF(etree);
    if (element_type == NULL || capi == NULL) {
        Py_XDECREF(capi);
        return NULL;
    }
    PyObject *capsule = PyDict_GetItemString(capi, "elementFactory");
    if (capsule == NULL) {
        Py_DECREF(capi);
        PyErr_SetString(PyExc_ImportError, "lxml.etree exports no elementFactory");
        return NULL;
    }
    element_factory = (element_factory_t)PyCapsule_GetPointer(
        capsule, "struct LxmlElement *(struct LxmlDocument *, xmlNode *)");
    Py_DECREF(capi);
    if (element_factory == NULL) return NULL;
    return PyModule_Create(&module_def);
}
