// The API's description page (/docs, api/templates/docs.html): Swagger UI, vendored in
// /static/vendor/swagger-ui (see its README.md), on our OpenAPI description. Started here and
// not in an inline script, so the page keeps script-src 'self'.
//
// Read from the page: #swagger-ui's data-openapi-url. Set on the page: <body data-docs-ready>
// once the description is drawn (for browser tests); window.swaggerUi, Swagger UI's object.
(function () {
  "use strict";
  var element = document.getElementById("swagger-ui");
  window.swaggerUi = SwaggerUIBundle({
    url: element.getAttribute("data-openapi-url"),
    domNode: element,
    layout: "BaseLayout",
    presets: [SwaggerUIBundle.presets.apis],
    deepLinking: true,
    validatorUrl: null,  // never ask validator.swagger.io about our description
    onComplete: function () { document.body.setAttribute("data-docs-ready", "true"); }
  });
})();
