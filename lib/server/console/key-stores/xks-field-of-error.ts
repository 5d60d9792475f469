// Which XKS form field each CreateCustomKeyStore / UpdateCustomKeyStore exception is about.
export const XKS_FIELD_OF_ERROR: Record<string, string> = {
  CustomKeyStoreNameInUseException: "customKeyStoreName",
  XksProxyUriInUseException: "xksProxyUriPath",
  XksProxyUriEndpointInUseException: "xksProxyUriEndpoint",
  XksProxyIncorrectAuthenticationCredentialException: "xksProxySecretAccessKey",
  XksProxyInvalidConfigurationException: "xksProxyUriPath",
  XksProxyVpcEndpointServiceNotFoundException: "xksProxyVpcEndpointServiceName",
  XksProxyVpcEndpointServiceInUseException: "xksProxyVpcEndpointServiceName",
  XksProxyVpcEndpointServiceInvalidConfigurationException: "xksProxyVpcEndpointServiceName",
};
